namespace MultiAgent.Grains.Fleet.Assignment;

/// <summary>
/// "hungarian": batch-optimal assignment. The most urgent tasks — as many as there are robots, at most
/// <see cref="BatchSize"/> — are matched to robots with the least total travel (<see cref="HungarianSolver"/>);
/// priority is respected because a less urgent task is only considered once every more urgent one in
/// its batch has a robot. Remaining tasks form the next batch against the remaining robots. One batch
/// costs O(batch² × robots).
/// </summary>
public sealed class HungarianPolicy : IAssignmentPolicy
{
    private readonly double _minimumBattery;

    public HungarianPolicy(double minimumBattery = 0, int batchSize = 200)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _minimumBattery = minimumBattery;
        BatchSize = batchSize;
    }

    public string Name => AssignmentPolicies.Hungarian;

    public int BatchSize { get; }

    public IReadOnlyList<TaskAssignment> Assign(IReadOnlyList<PendingTask> tasksInOrder, IReadOnlyList<IdleRobot> robots)
    {
        ArgumentNullException.ThrowIfNull(tasksInOrder);
        ArgumentNullException.ThrowIfNull(robots);
        var free = RobotEligibility.WithBattery(robots, _minimumBattery);
        var assignments = new List<TaskAssignment>(Math.Min(tasksInOrder.Count, free.Count));
        var next = 0;
        while (next < tasksInOrder.Count && free.Count > 0)
        {
            var batch = Math.Min(Math.Min(BatchSize, free.Count), tasksInOrder.Count - next);
            var taken = AssignBatch(tasksInOrder, next, batch, free, assignments);
            free = Without(free, taken);
            next += batch;
        }

        return assignments;
    }

    /// <summary>Solves tasks [first, first + count) against <paramref name="robots"/>; count ≤ robots, so every task gets one.</summary>
    private static bool[] AssignBatch(IReadOnlyList<PendingTask> tasks, int first, int count, IReadOnlyList<IdleRobot> robots, List<TaskAssignment> assignments)
    {
        var taskX = new int[count];
        var taskY = new int[count];
        for (var i = 0; i < count; i++)
        {
            taskX[i] = tasks[first + i].PickLocation.X;
            taskY[i] = tasks[first + i].PickLocation.Y;
        }

        var robotX = new int[robots.Count];
        var robotY = new int[robots.Count];
        for (var j = 0; j < robots.Count; j++)
        {
            robotX[j] = robots[j].Position.X;
            robotY[j] = robots[j].Position.Y;
        }

        var cost = new ManhattanCost(taskX, taskY, robotX, robotY);
        var robotOfTask = HungarianSolver.Solve(cost);
        var taken = new bool[robots.Count];
        for (var i = 0; i < count; i++)
        {
            var robot = robotOfTask[i];
            taken[robot] = true;
            assignments.Add(new TaskAssignment(tasks[first + i].TaskId, robots[robot].RobotId, (int)cost.Cost(i, robot)));
        }

        return taken;
    }

    private static List<IdleRobot> Without(IReadOnlyList<IdleRobot> robots, bool[] taken)
    {
        var rest = new List<IdleRobot>(robots.Count);
        for (var j = 0; j < robots.Count; j++)
        {
            if (!taken[j])
            {
                rest.Add(robots[j]);
            }
        }

        return rest;
    }
}
