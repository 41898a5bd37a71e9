namespace MultiAgent.Grains.Fleet.Assignment;

/// <summary>
/// Chooses which idle robot takes which waiting task. Pure and synchronous: the scheduler grain owns
/// the state and calls this within one turn.
/// </summary>
public interface IAssignmentPolicy
{
    /// <summary>The name used in configuration (see <see cref="AssignmentPolicies"/>).</summary>
    string Name { get; }

    /// <param name="tasksInOrder">Waiting tasks, most urgent first (<see cref="PendingTaskOrder"/>); ids unique.</param>
    /// <param name="robots">Idle robots, ids unique; those below the policy's minimum battery are skipped.</param>
    /// <returns>At most one assignment per task and per robot, in task order. Tasks left out keep waiting.</returns>
    IReadOnlyList<TaskAssignment> Assign(IReadOnlyList<PendingTask> tasksInOrder, IReadOnlyList<IdleRobot> robots);
}
