namespace MultiAgent.Grains.Fleet.Assignment;

/// <summary>
/// One decision: <paramref name="RobotId"/> takes <paramref name="TaskId"/>. (Not named <c>Assignment</c>:
/// a type named like its namespace would be shadowed by the namespace in code under <c>MultiAgent.Grains.Fleet</c>.)
/// </summary>
/// <param name="Distance">Manhattan distance from the robot to the task's pick location.</param>
public sealed record TaskAssignment(string TaskId, string RobotId, int Distance);
