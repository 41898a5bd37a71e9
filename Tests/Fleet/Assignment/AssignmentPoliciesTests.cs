using MultiAgent.Grains.Fleet.Assignment;
using static MultiAgent.Tests.Fleet.Assignment.AssignmentScenarios;

namespace MultiAgent.Tests.Fleet.Assignment;

public sealed class AssignmentPoliciesTests
{
    [Theory]
    [InlineData("greedy", typeof(NearestIdleRobotPolicy))]
    [InlineData("hungarian", typeof(HungarianPolicy))]
    [InlineData("adaptive", typeof(AdaptivePolicy))]
    [InlineData(" Hungarian ", typeof(HungarianPolicy))]
    public void Creates_each_policy_by_its_name(string name, Type expected)
    {
        var policy = AssignmentPolicies.Create(name);

        Assert.IsType(expected, policy);
        Assert.Equal(name.Trim().ToLowerInvariant(), policy.Name);
    }

    [Theory]
    [InlineData("nearest")]
    [InlineData("")]
    public void An_unknown_name_is_refused_with_the_valid_names(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => AssignmentPolicies.Create(name));

        Assert.Contains($"'{name}'", error.Message);
        Assert.Contains("greedy, hungarian, adaptive", error.Message);
    }

    [Fact]
    public void Options_carry_battery_minimum_and_batch_size_into_the_policy()
    {
        var options = new AssignmentOptions { Policy = "hungarian", MinimumBattery = 0.6, HungarianBatchSize = 3 };

        var policy = Assert.IsType<HungarianPolicy>(AssignmentPolicies.Create(options));
        var assignments = policy.Assign([Pending("t", 0, 0)], [Robot("weak", 0, 0, 0.5), Robot("strong", 3, 0, 0.7)]);

        Assert.Equal(3, policy.BatchSize);
        Assert.Equal("strong", Assert.Single(assignments).RobotId);
    }

    [Fact]
    public void Adaptive_is_greedy_below_the_threshold_and_hungarian_from_it()
    {
        var adaptive = Assert.IsType<AdaptivePolicy>(AssignmentPolicies.Create("adaptive", new AssignmentOptions { HungarianThreshold = 3 }));
        IdleRobot[] robots = [Robot("r0", 0, 0), Robot("r4", 4, 0), Robot("r8", 8, 0)];

        // Two tasks (below 3): greedy → t1 takes r4 (1), t2 takes r8 (3).
        var few = adaptive.Assign([Pending("t1", 3, 0), Pending("t2", 5, 0)], robots);

        // Three tasks: the Hungarian optimum of the hand-checked case (5, where greedy gives 13).
        var many = adaptive.Assign([Pending("t1", 3, 0), Pending("t2", 5, 0), Pending("t3", 9, 0)], robots);

        Assert.IsType<NearestIdleRobotPolicy>(adaptive.For(2, robots.Length));
        Assert.IsType<HungarianPolicy>(adaptive.For(3, robots.Length));
        Assert.Equal([new("t1", "r4", 1), new("t2", "r8", 3)], few);
        Assert.Equal(5, TotalDistance(many));
    }

    [Fact]
    public void Adaptive_stays_greedy_while_robots_are_plentiful_for_the_waiting_tasks()
    {
        var adaptive = Assert.IsType<AdaptivePolicy>(AssignmentPolicies.Create("adaptive", new AssignmentOptions { HungarianThreshold = 3, HungarianMaxRobotsPerTask = 2 }));

        Assert.IsType<HungarianPolicy>(adaptive.For(pending: 3, idleRobots: 6));
        Assert.IsType<NearestIdleRobotPolicy>(adaptive.For(pending: 3, idleRobots: 7));
        Assert.IsType<HungarianPolicy>(adaptive.For(pending: 500, idleRobots: 1_000));
        Assert.IsType<NearestIdleRobotPolicy>(adaptive.For(pending: 50, idleRobots: 1_000));
    }

    [Fact]
    public void Option_problems_name_their_configuration_keys()
    {
        var options = new AssignmentOptions { Policy = "fastest", MinimumBattery = 1.5, HungarianBatchSize = 0, HungarianThreshold = -1, HungarianMaxRobotsPerTask = 0.5 };

        var problems = options.Problems();

        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Fleet:Scheduler:Assignment:HungarianMaxRobotsPerTask: must be at least 1, got 0.5", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Fleet:Scheduler:Assignment:Policy: 'fastest'", StringComparison.Ordinal) && p.Contains("greedy, hungarian, adaptive", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Fleet:Scheduler:Assignment:MinimumBattery:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Fleet:Scheduler:Assignment:HungarianBatchSize:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Fleet:Scheduler:Assignment:HungarianThreshold:", StringComparison.Ordinal));
        Assert.Empty(new AssignmentOptions().Problems());
    }
}
