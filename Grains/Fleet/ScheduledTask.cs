namespace MultiAgent.Grains.Fleet;

/// <summary>A live task of the scheduler: waiting when <see cref="RobotId"/> is null, else assigned to that robot.</summary>
public sealed class ScheduledTask
{
    public string TaskId { get; set; } = string.Empty;

    public required Order Order { get; set; }

    public string? RobotId { get; set; }

    public DateTimeOffset? AssignedAt { get; set; }

    /// <summary>Grows each time the task is taken back from a faulted or offline robot.</summary>
    public int Attempt { get; set; } = 1;
}
