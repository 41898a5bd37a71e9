using MultiAgent.Grains.Fleet.Assignment;

namespace MultiAgent.Grains.Fleet;

/// <summary>
/// What a scheduler persists on every order, so a reactivation (on another silo after a crash) carries on
/// without losing or repeating a task: live tasks and their orders. Finished orders are kept in a
/// <see cref="FinishedOrderLog"/>, so this stays as small as the backlog. Idle robots are not stored: each
/// robot persists its own status, and a new activation asks them (a robot that becomes idle says so).
/// </summary>
public sealed class SchedulerState
{
    /// <summary>Waiting and assigned tasks by task id; a finished task leaves this map.</summary>
    public Dictionary<string, ScheduledTask> Tasks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The orders of the live tasks, by order id.</summary>
    public Dictionary<string, OrderRecord> Orders { get; set; } = new(StringComparer.Ordinal);
}
