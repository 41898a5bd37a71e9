namespace MultiAgent.Grains.Fleet.Assignment;

/// <summary>
/// "greedy": the most urgent task takes the idle robot nearest its pick location, then the next task
/// takes the nearest of the rest, and so on. Cheap and predictable — urgency wins over total distance.
/// With the cell index a decision costs a few cells' worth of robots, not a scan of all of them.
/// </summary>
public sealed class NearestIdleRobotPolicy(double minimumBattery = 0) : IAssignmentPolicy
{
    public string Name => AssignmentPolicies.Greedy;

    public IReadOnlyList<TaskAssignment> Assign(IReadOnlyList<PendingTask> tasksInOrder, IReadOnlyList<IdleRobot> robots)
    {
        ArgumentNullException.ThrowIfNull(tasksInOrder);
        ArgumentNullException.ThrowIfNull(robots);
        var eligible = RobotEligibility.WithBattery(robots, minimumBattery);
        if (tasksInOrder.Count == 0 || eligible.Count == 0)
        {
            return [];
        }

        var index = new IdleRobotIndex(eligible);
        var assignments = new List<TaskAssignment>(Math.Min(tasksInOrder.Count, eligible.Count));
        foreach (var task in tasksInOrder)
        {
            if (!index.TryTakeNearest(task.PickLocation, out var robot, out var distance))
            {
                break;
            }

            assignments.Add(new TaskAssignment(task.TaskId, robot.RobotId, distance));
        }

        return assignments;
    }
}
