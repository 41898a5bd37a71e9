namespace MultiAgent.Grains.Fleet;

/// <summary>What a robot is doing; only <see cref="Idle"/> robots are offered to the scheduler.</summary>
public enum RobotStatus
{
    Idle,

    /// <summary>Has a task and has not started moving (e.g. waiting for the robot to acknowledge).</summary>
    Assigned,
    Moving,
    Charging,

    /// <summary>Reported a fault; its task went back to the scheduler.</summary>
    Faulted,

    /// <summary>Missed its heartbeats; its task went back to the scheduler.</summary>
    Offline,
}
