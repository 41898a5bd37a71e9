namespace MultiAgent.Grains.Fleet.Assignment;

/// <summary>How the scheduler assigns tasks; bound from configuration section <see cref="SectionName"/>.</summary>
public sealed class AssignmentOptions
{
    public const string SectionName = SchedulerOptions.SectionName + ":" + nameof(SchedulerOptions.Assignment);

    /// <summary>One of <see cref="AssignmentPolicies.Names"/>.</summary>
    public string Policy { get; set; } = AssignmentPolicies.Adaptive;

    /// <summary>Robots below this state of charge (0..1) get no new task: a task started nearly empty may strand the robot.</summary>
    public double MinimumBattery { get; set; } = 0.2;

    /// <summary>
    /// Most tasks solved in one Hungarian batch; more wait for the next batch of the same call. Bounds
    /// one solve at O(batch² × robots).
    /// </summary>
    public int HungarianBatchSize { get; set; } = 200;

    /// <summary>For the adaptive policy: with at least this many tasks waiting (and robots contended), assign optimally; below it, greedily.</summary>
    public int HungarianThreshold { get; set; } = 20;

    /// <summary>
    /// For the adaptive policy: assign optimally only while there are at most this many idle robots per
    /// waiting task. With more to spare, each task's nearest robot is rarely another's best, greedy is
    /// close to optimal, and a solve over every idle robot would only add latency.
    /// </summary>
    public double HungarianMaxRobotsPerTask { get; set; } = 2;

    /// <summary>What is wrong with these options, each naming its configuration key; empty when usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!AssignmentPolicies.IsKnown(Policy))
        {
            problems.Add($"{SectionName}:{nameof(Policy)}: '{Policy}' is not a policy; valid: {string.Join(", ", AssignmentPolicies.Names)}.");
        }

        if (!(MinimumBattery >= 0 && MinimumBattery <= 1))
        {
            problems.Add($"{SectionName}:{nameof(MinimumBattery)}: must be between 0 and 1, got {MinimumBattery}.");
        }

        if (HungarianBatchSize < 1)
        {
            problems.Add($"{SectionName}:{nameof(HungarianBatchSize)}: must be at least 1, got {HungarianBatchSize}.");
        }

        if (HungarianThreshold < 1)
        {
            problems.Add($"{SectionName}:{nameof(HungarianThreshold)}: must be at least 1, got {HungarianThreshold}.");
        }

        if (!(HungarianMaxRobotsPerTask >= 1))
        {
            problems.Add($"{SectionName}:{nameof(HungarianMaxRobotsPerTask)}: must be at least 1, got {HungarianMaxRobotsPerTask}.");
        }

        return problems;
    }
}
