namespace MultiAgent.Grains.Fleet;

/// <summary>A robot as seen from outside: for the scheduler, <c>fleet watch</c> and the dashboard.</summary>
/// <param name="Battery">State of charge, 0 (empty) to 1 (full).</param>
/// <param name="CurrentTaskId">Null when the robot has no task.</param>
/// <param name="BusyTime">Time spent on tasks since registration: utilisation is this over the time registered.</param>
public sealed record RobotSnapshot(
    string RobotId,
    string WarehouseId,
    RobotMode Mode,
    GridPoint Position,
    double Battery,
    RobotStatus Status,
    string? CurrentTaskId,
    DateTimeOffset LastHeartbeat,
    long TasksCompleted,
    long TasksFailed,
    TimeSpan BusyTime);
