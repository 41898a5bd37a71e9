namespace MultiAgent.Grains.Fleet;

/// <param name="Utilisation">Share of the observed window the robot spent on tasks, 0..1.</param>
public sealed record RobotUtilisation(string RobotId, long TasksCompleted, long TasksFailed, double Utilisation);
