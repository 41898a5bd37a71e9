using MultiAgent.Grains.Fleet.Assignment;
using static MultiAgent.Tests.Fleet.Assignment.AssignmentScenarios;

namespace MultiAgent.Tests.Fleet.Assignment;

public sealed class HungarianPolicyTests
{
    [Fact]
    public void Finds_the_least_total_distance_where_greedy_does_not()
    {
        // Robots on a line at x = 0, 4, 8; tasks at x = 3, 5, 9 (greedy gives 1 + 3 + 9 = 13).
        // All six matchings (t1, t2, t3):
        //   (r0, r4, r8) = 3 + 1 + 1 = 5    (r0, r8, r4) = 3 + 3 + 5 = 11   (r4, r0, r8) = 1 + 5 + 1 = 7
        //   (r4, r8, r0) = 1 + 3 + 9 = 13   (r8, r0, r4) = 5 + 5 + 5 = 15   (r8, r4, r0) = 5 + 1 + 9 = 15
        // The optimum is 5 < 13.
        PendingTask[] tasks = [Pending("t1", 3, 0), Pending("t2", 5, 0), Pending("t3", 9, 0)];
        IdleRobot[] robots = [Robot("r0", 0, 0), Robot("r4", 4, 0), Robot("r8", 8, 0)];

        var hungarian = new HungarianPolicy().Assign(tasks, robots);
        var greedy = new NearestIdleRobotPolicy().Assign(tasks, robots);

        Assert.Equal([new("t1", "r0", 3), new("t2", "r4", 1), new("t3", "r8", 1)], hungarian);
        Assert.Equal(5, TotalDistance(hungarian));
        Assert.Equal(13, TotalDistance(greedy));
    }

    [Fact]
    public void Picks_the_best_robots_when_there_are_more_robots_than_tasks()
    {
        // Two tasks at (0, 0) and (10, 0); four robots. Best: a(1,0)→t0 = 1, d(10,2)→t10 = 2; total 3.
        var assignments = new HungarianPolicy().Assign(
            [Pending("t0", 0, 0), Pending("t10", 10, 0)],
            [Robot("a", 1, 0), Robot("b", 5, 0), Robot("c", 20, 0), Robot("d", 10, 2)]);

        Assert.Equal([new("t0", "a", 1), new("t10", "d", 2)], assignments);
    }

    [Fact]
    public void With_more_tasks_than_robots_only_the_most_urgent_are_considered()
    {
        // The robot stands on the low-priority task, but the urgent one comes first in order.
        var assignments = new HungarianPolicy().Assign(
            [Pending("urgent", 9, 9, priority: 5), Pending("low", 0, 0, priority: 1)],
            [Robot("r", 0, 0)]);

        Assert.Equal([new TaskAssignment("urgent", "r", 18)], assignments);
    }

    [Fact]
    public void Batches_are_solved_in_priority_order_and_later_batches_get_the_remaining_robots()
    {
        // Batch size 2. Batch 1 = (a at 0, b at 10) against robots at 1, 9, 12:
        //   (r1, r9) = 1 + 1 = 2, (r1, r12) = 1 + 2 = 3, (r9, r12) = 9 + 2 = 11, the rest ≥ 13 → a→r1, b→r9.
        // Batch 2 = (c at 12) against the robot left: c→r12 (0).
        var assignments = new HungarianPolicy(batchSize: 2).Assign(
            [Pending("a", 0, 0), Pending("b", 10, 0), Pending("c", 12, 0)],
            [Robot("r1", 1, 0), Robot("r9", 9, 0), Robot("r12", 12, 0)]);

        Assert.Equal([new("a", "r1", 1), new("b", "r9", 1), new("c", "r12", 0)], assignments);
    }

    [Fact]
    public void A_later_batch_never_takes_a_robot_an_earlier_batch_wanted()
    {
        // Batch size 1 makes Hungarian follow task order like greedy: the first task keeps its nearest robot
        // even though giving it to the second task would shorten the total.
        var assignments = new HungarianPolicy(batchSize: 1).Assign(
            [Pending("t1", 3, 0), Pending("t2", 5, 0), Pending("t3", 9, 0)],
            [Robot("r0", 0, 0), Robot("r4", 4, 0), Robot("r8", 8, 0)]);

        Assert.Equal(13, TotalDistance(assignments));
        Assert.Equal("r4", assignments[0].RobotId);
    }

    [Fact]
    public void Empty_inputs_give_no_assignments()
    {
        var policy = new HungarianPolicy();

        Assert.Empty(policy.Assign([], [Robot("r", 0, 0)]));
        Assert.Empty(policy.Assign([Pending("t", 0, 0)], []));
        Assert.Empty(policy.Assign([], []));
    }

    [Fact]
    public void Robots_below_the_minimum_battery_are_not_eligible()
    {
        var assignments = new HungarianPolicy(minimumBattery: 0.3).Assign(
            [Pending("t1", 0, 0), Pending("t2", 1, 0)],
            [Robot("empty", 0, 0, 0.05), Robot("charged", 7, 0, 0.9)]);

        Assert.Equal([new TaskAssignment("t1", "charged", 7)], assignments);
    }

    [Fact]
    public void A_batch_size_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HungarianPolicy(batchSize: 0));
    }
}
