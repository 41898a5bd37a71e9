namespace MultiAgent.Grains.Fleet;

/// <summary>
/// A task did not finish on its robot (fault, missed heartbeats) or could not be done at all.
/// </summary>
/// <param name="RobotId">Null when no robot was involved (e.g. the order can never be served).</param>
/// <param name="Requeued">True when the task went back to the scheduler for another robot; false when the order failed for good.</param>
public sealed record TaskFailed(
    string TaskId,
    string OrderId,
    string? RobotId,
    string WarehouseId,
    DateTimeOffset OrderCreatedAt,
    DateTimeOffset FailedAt,
    string Reason,
    int Attempt,
    bool Requeued);
