namespace MultiAgent.Grains.Fleet.Assignment;

/// <summary>A robot the scheduler may give a task to.</summary>
/// <param name="Battery">State of charge, 0..1; below the policy's minimum the robot is passed over (it should charge).</param>
public sealed record IdleRobot(string RobotId, GridPoint Position, double Battery);
