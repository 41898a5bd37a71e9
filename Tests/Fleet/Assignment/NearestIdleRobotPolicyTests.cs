using MultiAgent.Grains.Fleet.Assignment;
using static MultiAgent.Tests.Fleet.Assignment.AssignmentScenarios;

namespace MultiAgent.Tests.Fleet.Assignment;

public sealed class NearestIdleRobotPolicyTests
{
    [Fact]
    public void Each_task_in_order_takes_the_nearest_remaining_robot()
    {
        // Robots on a line at x = 0, 4, 8; tasks in order at x = 3, 5, 9.
        //   t1 (3): r4 is 1 away (r0: 3, r8: 5)      → r4, 1
        //   t2 (5): r0 is 5 away, r8 is 3            → r8, 3
        //   t3 (9): only r0 is left, 9 away          → r0, 9     total 13
        var policy = new NearestIdleRobotPolicy();
        var assignments = policy.Assign(
            [Pending("t1", 3, 0), Pending("t2", 5, 0), Pending("t3", 9, 0)],
            [Robot("r0", 0, 0), Robot("r4", 4, 0), Robot("r8", 8, 0)]);

        Assert.Equal(
            [new("t1", "r4", 1), new("t2", "r8", 3), new("t3", "r0", 9)],
            assignments);
        Assert.Equal(13, TotalDistance(assignments));
    }

    [Fact]
    public void Distance_is_manhattan_not_straight_line()
    {
        // To (0, 0): "diagonal" at (3, 3) is 6 along the aisles (≈4.2 straight), "straight" at (5, 0) is 5.
        var assignments = new NearestIdleRobotPolicy().Assign(
            [Pending("t", 0, 0)],
            [Robot("diagonal", 3, 3), Robot("straight", 5, 0)]);

        Assert.Equal([new TaskAssignment("t", "straight", 5)], assignments);
    }

    [Fact]
    public void Ties_go_to_the_fuller_battery_then_to_the_smaller_id()
    {
        var policy = new NearestIdleRobotPolicy();

        // All three are 2 away from (5, 5).
        var byBattery = policy.Assign([Pending("t", 5, 5)], [Robot("a", 3, 5, 0.5), Robot("b", 7, 5, 0.9), Robot("c", 5, 3, 0.6)]);
        var byId = policy.Assign([Pending("t", 5, 5)], [Robot("c", 5, 7, 0.8), Robot("b", 3, 5, 0.8), Robot("d", 7, 5, 0.8)]);

        Assert.Equal("b", Assert.Single(byBattery).RobotId);
        Assert.Equal("b", Assert.Single(byId).RobotId);
    }

    [Fact]
    public void With_more_tasks_than_robots_the_most_urgent_tasks_are_served()
    {
        var assignments = new NearestIdleRobotPolicy().Assign(
            [Pending("first", 9, 9), Pending("second", 0, 0), Pending("third", 1, 1)],
            [Robot("r1", 0, 0), Robot("r2", 1, 0)]);

        // "first" takes the nearer of two robots both far away: r2 (17) beats r1 (18); "second" gets r1 at 0.
        Assert.Equal([new("first", "r2", 17), new("second", "r1", 0)], assignments);
    }

    [Fact]
    public void With_more_robots_than_tasks_every_task_is_served_and_the_rest_stay_idle()
    {
        var assignments = new NearestIdleRobotPolicy().Assign(
            [Pending("t", 2, 2)],
            [Robot("far", 20, 20), Robot("near", 2, 3), Robot("mid", 5, 5)]);

        Assert.Equal([new TaskAssignment("t", "near", 1)], assignments);
    }

    [Fact]
    public void Empty_inputs_give_no_assignments()
    {
        var policy = new NearestIdleRobotPolicy();

        Assert.Empty(policy.Assign([], [Robot("r", 0, 0)]));
        Assert.Empty(policy.Assign([Pending("t", 0, 0)], []));
        Assert.Empty(policy.Assign([], []));
    }

    [Fact]
    public void Robots_below_the_minimum_battery_are_not_eligible()
    {
        var policy = new NearestIdleRobotPolicy(minimumBattery: 0.25);

        var assignments = policy.Assign(
            [Pending("t1", 0, 0), Pending("t2", 0, 0)],
            [Robot("low", 0, 0, 0.10), Robot("exactly-minimum", 6, 0, 0.25), Robot("unknown", 1, 0, double.NaN)]);

        Assert.Equal([new TaskAssignment("t1", "exactly-minimum", 6)], assignments);
        Assert.Empty(policy.Assign([Pending("t", 0, 0)], [Robot("low", 0, 0, 0.1)]));
    }

    [Fact]
    public void A_pick_location_outside_the_robots_area_still_finds_the_nearest()
    {
        // The cell index is built over the robots' bounding box; the targets lie far outside it on every side.
        var robots = new[] { Robot("sw", 100, 100), Robot("ne", 140, 140), Robot("mid", 120, 100) };
        var policy = new NearestIdleRobotPolicy();

        Assert.Equal("sw", Assert.Single(policy.Assign([Pending("t", -50, 0)], robots)).RobotId);
        Assert.Equal("ne", Assert.Single(policy.Assign([Pending("t", 1_000, 900)], robots)).RobotId);
        Assert.Equal("mid", Assert.Single(policy.Assign([Pending("t", 121, -3_000)], robots)).RobotId);
    }

    [Fact]
    public void Robots_on_one_cell_and_robots_in_a_long_line_are_handled()
    {
        var stacked = Enumerable.Range(0, 5).Select(i => Robot($"r{i}", 7, 7, 1 - (i * 0.1))).ToList();
        var line = Enumerable.Range(0, 50).Select(i => Robot($"l{i:D2}", i * 1_000, 3)).ToList();
        var policy = new NearestIdleRobotPolicy();

        Assert.Equal(["r0", "r1", "r2"], policy.Assign([Pending("a", 0, 0), Pending("b", 9, 9), Pending("c", 7, 7)], stacked).Select(a => a.RobotId));
        Assert.Equal(new TaskAssignment("t", "l31", 36), Assert.Single(policy.Assign([Pending("t", 31_020, 19)], line)));
    }

    [Fact]
    public void The_cell_index_gives_exactly_the_full_scan_answer_on_random_instances()
    {
        var random = new Random(20_240_601);
        for (var round = 0; round < 300; round++)
        {
            var size = random.Next(1, 60);
            var tasks = RandomTasks(random, random.Next(0, 40), size, size + random.Next(0, 30));
            var robots = RandomRobots(random, random.Next(0, 40), size, size);

            var actual = new NearestIdleRobotPolicy().Assign(tasks, robots);

            Assert.Equal(GreedyByFullScan(tasks, robots), actual);
        }
    }
}
