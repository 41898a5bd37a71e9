namespace MultiAgent.Grains.Fleet.Assignment;

/// <summary>
/// "adaptive": greedy while few tasks wait (a lone task has nothing to be optimised against, and
/// latency matters most), Hungarian once at least <see cref="Threshold"/> wait (a backlog is where
/// total travel — and so throughput — can be won).
/// </summary>
public sealed class AdaptivePolicy : IAssignmentPolicy
{
    private readonly IAssignmentPolicy _few;
    private readonly IAssignmentPolicy _many;

    public AdaptivePolicy(IAssignmentPolicy few, IAssignmentPolicy many, int threshold)
    {
        ArgumentNullException.ThrowIfNull(few);
        ArgumentNullException.ThrowIfNull(many);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        _few = few;
        _many = many;
        Threshold = threshold;
    }

    public string Name => AssignmentPolicies.Adaptive;

    public int Threshold { get; }

    /// <summary>The policy a backlog of <paramref name="pending"/> tasks gets.</summary>
    public IAssignmentPolicy For(int pending) => pending >= Threshold ? _many : _few;

    public IReadOnlyList<TaskAssignment> Assign(IReadOnlyList<PendingTask> tasksInOrder, IReadOnlyList<IdleRobot> robots)
    {
        ArgumentNullException.ThrowIfNull(tasksInOrder);
        return For(tasksInOrder.Count).Assign(tasksInOrder, robots);
    }
}
