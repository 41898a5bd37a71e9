namespace MultiAgent.Grains.Fleet.Assignment;

/// <summary>
/// "adaptive": Hungarian when tasks compete for robots — at least <see cref="Threshold"/> wait and there
/// are at most <see cref="MaxRobotsPerTask"/> idle robots per waiting task: a backlog on a busy fleet is
/// where total travel, and so throughput, is won. Greedy otherwise: a lone task has nothing to be
/// optimised against, and with robots to spare each task's nearest robot is rarely wanted by another,
/// so the solve's O(tasks² × robots) would only add latency.
/// </summary>
public sealed class AdaptivePolicy : IAssignmentPolicy
{
    private readonly IAssignmentPolicy _few;
    private readonly IAssignmentPolicy _many;

    public AdaptivePolicy(IAssignmentPolicy few, IAssignmentPolicy many, int threshold, double maxRobotsPerTask = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(few);
        ArgumentNullException.ThrowIfNull(many);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRobotsPerTask, 1);
        _few = few;
        _many = many;
        Threshold = threshold;
        MaxRobotsPerTask = maxRobotsPerTask;
    }

    public string Name => AssignmentPolicies.Adaptive;

    public int Threshold { get; }

    public double MaxRobotsPerTask { get; }

    /// <summary>The policy a backlog of <paramref name="pending"/> tasks gets with <paramref name="idleRobots"/> robots idle.</summary>
    public IAssignmentPolicy For(int pending, int idleRobots) =>
        pending >= Threshold && idleRobots <= MaxRobotsPerTask * pending ? _many : _few;

    public IReadOnlyList<TaskAssignment> Assign(IReadOnlyList<PendingTask> tasksInOrder, IReadOnlyList<IdleRobot> robots)
    {
        ArgumentNullException.ThrowIfNull(tasksInOrder);
        ArgumentNullException.ThrowIfNull(robots);
        return For(tasksInOrder.Count, robots.Count).Assign(tasksInOrder, robots);
    }
}
