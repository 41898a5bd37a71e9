namespace MultiAgent.Grains.Fleet;

/// <summary>One robot's share of a warehouse's completions, as the statistics grain counts them.</summary>
internal sealed class RobotTally
{
    public long Completed { get; set; }

    public long Failed { get; set; }

    /// <summary>Assigned-to-completed time of the robot's tasks.</summary>
    public TimeSpan Busy { get; set; }
}
