namespace MultiAgent.Grains.Fleet.Assignment;

/// <summary>Between robots at the same distance: the fuller battery, then the smaller id (so results are deterministic).</summary>
internal static class RobotPreference
{
    public static bool IsBetter(int distance, IdleRobot robot, int bestDistance, IdleRobot best)
    {
        if (distance != bestDistance)
        {
            return distance < bestDistance;
        }

        if (robot.Battery != best.Battery)
        {
            return robot.Battery > best.Battery;
        }

        return string.CompareOrdinal(robot.RobotId, best.RobotId) < 0;
    }
}
