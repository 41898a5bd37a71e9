namespace MultiAgent.Grains.Fleet;

/// <summary>
/// The scheduler's memory of finished orders, persisted apart from its live state: the live state is
/// written on every order and stays small (waiting and assigned tasks only), while this one grows to
/// <see cref="SchedulerOptions.KnownOrderCapacity"/> and is written with group commit when tasks finish.
/// </summary>
public sealed class FinishedOrdersState
{
    public Dictionary<string, OrderRecord> Orders { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Orders finished so far; numbers <see cref="OrderRecord.FinishedSequence"/>.</summary>
    public long FinishedCount { get; set; }
}
