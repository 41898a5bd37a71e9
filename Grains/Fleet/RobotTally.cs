namespace MultiAgent.Grains.Fleet;

/// <summary>One robot's share of a warehouse's completions, as the statistics grain counts them.</summary>
public sealed class RobotTally
{
    public long Completed { get; set; }

    public long Failed { get; set; }

    /// <summary>Assigned-to-completed time of the robot's tasks.</summary>
    public TimeSpan Busy { get; set; }

    /// <summary>
    /// When the last event counted from this robot happened. A robot's events are published one after the
    /// other and delivered in order (one warehouse, one stream), so an event not later than this is one
    /// counted already: a redelivery after a silo failure, or a robot republishing after a crash.
    /// </summary>
    public DateTimeOffset LastEventAt { get; set; }
}
