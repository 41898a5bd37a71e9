namespace MultiAgent.Grains.Fleet;

/// <summary>
/// One warehouse's aggregate over [<paramref name="Since"/>, <paramref name="AsOf"/>], built from the
/// completion stream.
/// </summary>
/// <param name="ThroughputPerSecond">Completed tasks per second over the window.</param>
/// <param name="FailuresByReason">Final failures and requeues, by reason.</param>
public sealed record FleetStatistics(
    string WarehouseId,
    DateTimeOffset Since,
    DateTimeOffset AsOf,
    long TasksCompleted,
    long TasksFailed,
    long TasksRequeued,
    double ThroughputPerSecond,
    LatencyPercentiles OrderToAssign,
    LatencyPercentiles OrderToComplete,
    IReadOnlyList<RobotUtilisation> Robots,
    IReadOnlyDictionary<string, long> FailuresByReason);
