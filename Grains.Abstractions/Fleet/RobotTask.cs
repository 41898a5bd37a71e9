namespace MultiAgent.Grains.Fleet;

/// <summary>
/// An order handed to one robot: drive to the pick location, then to the drop location.
/// </summary>
/// <param name="TaskId">Stable across reassignments (one task per order), so a completion is counted once whichever robot finishes it.</param>
/// <param name="Attempt">1 for the first assignment; grows each time the task is taken back from a faulted or offline robot.</param>
public sealed record RobotTask(
    string TaskId,
    Order Order,
    string RobotId,
    DateTimeOffset AssignedAt,
    int Attempt = 1);
