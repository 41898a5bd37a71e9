using MultiAgent.Grains.Fleet.Assignment;
using static MultiAgent.Tests.Fleet.Assignment.AssignmentScenarios;

namespace MultiAgent.Tests.Fleet.Assignment;

/// <summary>Properties over seeded random instances (a fixed seed, so a failure reproduces).</summary>
public sealed class PolicyPropertyTests
{
    [Fact]
    public void Hungarian_never_travels_more_than_greedy_and_serves_as_many_tasks()
    {
        var random = new Random(1_234);
        var hungarian = new HungarianPolicy();
        var greedy = new NearestIdleRobotPolicy();
        for (var round = 0; round < 300; round++)
        {
            var size = random.Next(2, 80);
            var tasks = RandomTasks(random, random.Next(0, 50), size, size);
            var robots = RandomRobots(random, random.Next(0, 50), size, size);

            var optimal = hungarian.Assign(tasks, robots);
            var nearest = greedy.Assign(tasks, robots);

            AssertConsistent(optimal, tasks, robots);
            Assert.Equal(nearest.Count, optimal.Count);
            Assert.Equal(nearest.Select(a => a.TaskId), optimal.Select(a => a.TaskId)); // the same, most urgent, tasks
            Assert.True(TotalDistance(optimal) <= TotalDistance(nearest), $"round {round}: hungarian {TotalDistance(optimal)} > greedy {TotalDistance(nearest)}");
        }
    }

    [Fact]
    public void Hungarian_equals_the_brute_force_optimum_on_small_instances()
    {
        var random = new Random(99);
        var policy = new HungarianPolicy();
        for (var round = 0; round < 500; round++)
        {
            var size = random.Next(1, 12);
            var tasks = RandomTasks(random, random.Next(0, 7), size, size);
            var robots = RandomRobots(random, random.Next(0, 7), size, size);

            var assignments = policy.Assign(tasks, robots);

            AssertConsistent(assignments, tasks, robots);
            Assert.Equal(Math.Min(tasks.Count, robots.Count), assignments.Count);
            Assert.Equal(BruteForceOptimum(tasks, robots), TotalDistance(assignments));
        }
    }

    [Fact]
    public void Greedy_and_hungarian_respect_the_battery_minimum_on_random_instances()
    {
        var random = new Random(5);
        IAssignmentPolicy[] policies = [new NearestIdleRobotPolicy(0.5), new HungarianPolicy(0.5, batchSize: 7)];
        for (var round = 0; round < 100; round++)
        {
            var tasks = RandomTasks(random, random.Next(0, 30), 40, 40);
            var robots = RandomRobots(random, random.Next(0, 30), 40, 40);
            var charged = robots.Where(r => r.Battery >= 0.5).Select(r => r.RobotId).ToHashSet();

            foreach (var policy in policies)
            {
                var assignments = policy.Assign(tasks, robots);

                AssertConsistent(assignments, tasks, robots);
                Assert.All(assignments, a => Assert.Contains(a.RobotId, charged));
                Assert.Equal(Math.Min(tasks.Count, charged.Count), assignments.Count);
            }
        }
    }
}
