using MultiAgent.Grains.Fleet;

namespace MultiAgent.Tests.Fleet.Grains;

public sealed class RobotMotionTests
{
    [Fact]
    public void A_robot_steps_along_x_first_then_y_and_stays_when_there()
    {
        Assert.Equal(new GridPoint(1, 0), RobotMotion.StepToward(new(0, 0), new(3, 2)));
        Assert.Equal(new GridPoint(3, 1), RobotMotion.StepToward(new(3, 0), new(3, 2)));
        Assert.Equal(new GridPoint(2, 5), RobotMotion.StepToward(new(3, 5), new(0, 5)));
        Assert.Equal(new GridPoint(3, 2), RobotMotion.StepToward(new(3, 2), new(3, 2)));
    }

    [Fact]
    public void The_nearest_charger_is_by_grid_distance_and_none_without_chargers()
    {
        Assert.Equal(new GridPoint(19, 19), RobotMotion.Nearest(new(16, 16), [new(0, 0), new(19, 19)]));
        Assert.Null(RobotMotion.Nearest(new(1, 1), []));
    }

    [Fact]
    public void Ticks_last_a_cell_within_bounds()
    {
        var min = TimeSpan.FromMilliseconds(10);
        var max = TimeSpan.FromMilliseconds(200);
        Assert.Equal(min, RobotMotion.TickInterval(10, 100, min, max));
        Assert.Equal(TimeSpan.FromMilliseconds(100), RobotMotion.TickInterval(10, 1, min, max));
        Assert.Equal(max, RobotMotion.TickInterval(1, 1, min, max));
    }
}
