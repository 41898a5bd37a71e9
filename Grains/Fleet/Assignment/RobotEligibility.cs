namespace MultiAgent.Grains.Fleet.Assignment;

/// <summary>Which idle robots may take a task at all.</summary>
internal static class RobotEligibility
{
    /// <summary>Robots with at least <paramref name="minimumBattery"/>; the input itself when none is excluded (no copy on the common path).</summary>
    public static IReadOnlyList<IdleRobot> WithBattery(IReadOnlyList<IdleRobot> robots, double minimumBattery)
    {
        var firstExcluded = -1;
        for (var i = 0; i < robots.Count; i++)
        {
            if (!IsCharged(robots[i], minimumBattery))
            {
                firstExcluded = i;
                break;
            }
        }

        if (firstExcluded < 0)
        {
            return robots;
        }

        var eligible = new List<IdleRobot>(robots.Count - 1);
        for (var i = 0; i < robots.Count; i++)
        {
            if (i != firstExcluded && IsCharged(robots[i], minimumBattery))
            {
                eligible.Add(robots[i]);
            }
        }

        return eligible;
    }

    // Written so a NaN battery reading counts as not charged.
    private static bool IsCharged(IdleRobot robot, double minimumBattery) => robot.Battery >= minimumBattery;
}
