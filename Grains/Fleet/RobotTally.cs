namespace MultiAgent.Grains.Fleet;

/// <summary>
/// One robot's share of a warehouse's completions, as the statistics grain counts them. Times are kept as
/// ticks: the statistics are stored after every event, and numbers are cheaper to write than dates.
/// </summary>
public sealed class RobotTally
{
    public long Completed { get; set; }

    public long Failed { get; set; }

    /// <summary>Assigned-to-completed time of the robot's tasks, in ticks.</summary>
    public long BusyTicks { get; set; }

    /// <summary>
    /// When the last event counted from this robot happened (UTC ticks). A robot's events are published one
    /// after the other and delivered in order (one warehouse, one stream), so an event not later than this
    /// is one counted already: a redelivery after a silo failure, or a robot republishing after a crash.
    /// </summary>
    public long LastEventUtcTicks { get; set; }

    /// <summary>Counts an event that happened at <paramref name="at"/>; false if it was counted already.</summary>
    public bool Advance(DateTimeOffset at)
    {
        if (at.UtcTicks <= LastEventUtcTicks)
        {
            return false;
        }

        LastEventUtcTicks = at.UtcTicks;
        return true;
    }
}
