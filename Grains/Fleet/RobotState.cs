namespace MultiAgent.Grains.Fleet;

/// <summary>
/// What a robot grain persists: written when it starts, takes a task, finishes or loses one, and
/// finishes charging — not on every cell, so after a crash it resumes from its last such point.
/// </summary>
public sealed class RobotState
{
    public bool Started { get; set; }

    public string WarehouseId { get; set; } = string.Empty;

    public RobotMode Mode { get; set; }

    public GridPoint Position { get; set; }

    public double Battery { get; set; } = 1;

    public RobotStatus Status { get; set; }

    public RobotPhase Phase { get; set; }

    /// <summary>Where the robot is driving (pick, drop or charger); meaningful in the moving phases.</summary>
    public GridPoint Target { get; set; }

    /// <summary>Simulated cells per second, and simulated seconds per real second.</summary>
    public double Speed { get; set; } = 1;

    public double TimeScale { get; set; } = 1;

    public RobotTask? CurrentTask { get; set; }

    public DateTimeOffset? TaskStartedAt { get; set; }

    public long DistanceAtTaskStart { get; set; }

    /// <summary>When the current task was delivered, stored before its completion is published; the event's completion time.</summary>
    public DateTimeOffset? DeliveredAt { get; set; }

    public DateTimeOffset LastHeartbeat { get; set; }

    public long TasksCompleted { get; set; }

    public long TasksFailed { get; set; }

    public long DistanceTravelled { get; set; }

    public TimeSpan BusyTime { get; set; }

    /// <summary>Recently finished task ids, oldest first, bounded by <see cref="RobotOptions.RememberedTasks"/>.</summary>
    public List<string> FinishedTaskIds { get; set; } = [];
}
