namespace MultiAgent.Grains.Fleet;

/// <summary>Grid movement: robots drive along aisles, one cell at a time, first along x and then along y.</summary>
public static class RobotMotion
{
    /// <summary>The next cell from <paramref name="position"/> towards <paramref name="to"/>; <paramref name="position"/> when already there.</summary>
    public static GridPoint StepToward(GridPoint position, GridPoint to)
    {
        if (position.X != to.X)
        {
            return position with { X = position.X + Math.Sign(to.X - position.X) };
        }

        if (position.Y != to.Y)
        {
            return position with { Y = position.Y + Math.Sign(to.Y - position.Y) };
        }

        return position;
    }

    /// <summary>The nearest of <paramref name="points"/> (first on ties), or null when there are none.</summary>
    public static GridPoint? Nearest(GridPoint from, IReadOnlyList<GridPoint> points)
    {
        GridPoint? best = null;
        var bestDistance = int.MaxValue;
        foreach (var point in points)
        {
            var distance = from.ManhattanDistanceTo(point);
            if (distance < bestDistance)
            {
                best = point;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>The real time one simulation tick should take: a cell's worth, within the configured bounds.</summary>
    public static TimeSpan TickInterval(double speed, double timeScale, TimeSpan min, TimeSpan max)
    {
        var cellsPerRealSecond = speed * timeScale;
        if (!(cellsPerRealSecond > 0))
        {
            return max;
        }

        var perCell = TimeSpan.FromSeconds(1 / cellsPerRealSecond);
        return perCell < min ? min : perCell > max ? max : perCell;
    }
}
