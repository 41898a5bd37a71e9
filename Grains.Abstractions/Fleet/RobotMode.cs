namespace MultiAgent.Grains.Fleet;

/// <summary>Who moves the robot: the grain's own timers, or a real robot reporting through the client API.</summary>
public enum RobotMode
{
    Simulated,
    External,
}
