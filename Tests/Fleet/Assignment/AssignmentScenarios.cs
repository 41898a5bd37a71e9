using MultiAgent.Grains.Fleet;
using MultiAgent.Grains.Fleet.Assignment;

namespace MultiAgent.Tests.Fleet.Assignment;

/// <summary>Builders and reference answers (full scans, brute force) that the policies are checked against.</summary>
internal static class AssignmentScenarios
{
    public static readonly DateTimeOffset T0 = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static PendingTask Pending(string id, int x, int y, int priority = 1, DateTimeOffset? deadline = null, int ageSeconds = 0) =>
        new(id, new GridPoint(x, y), priority, deadline, T0.AddSeconds(-ageSeconds));

    public static IdleRobot Robot(string id, int x, int y, double battery = 1.0) => new(id, new GridPoint(x, y), battery);

    public static List<PendingTask> RandomTasks(Random random, int count, int width, int height) =>
        Enumerable.Range(0, count).Select(i => Pending($"t{i:D4}", random.Next(width), random.Next(height))).ToList();

    /// <summary>Robots with a coarse battery so that distance and battery ties both happen.</summary>
    public static List<IdleRobot> RandomRobots(Random random, int count, int width, int height) =>
        Enumerable.Range(0, count).Select(i => Robot($"r{i:D4}", random.Next(width), random.Next(height), random.Next(1, 5) / 4.0)).ToList();

    public static long TotalDistance(IEnumerable<TaskAssignment> assignments) => assignments.Sum(a => (long)a.Distance);

    /// <summary>Greedy by a full scan per task: what the cell index must reproduce exactly.</summary>
    public static List<TaskAssignment> GreedyByFullScan(IReadOnlyList<PendingTask> tasks, IReadOnlyList<IdleRobot> robots)
    {
        var free = robots.ToList();
        var result = new List<TaskAssignment>();
        foreach (var task in tasks)
        {
            if (free.Count == 0)
            {
                break;
            }

            var best = free
                .OrderBy(r => r.Position.ManhattanDistanceTo(task.PickLocation))
                .ThenByDescending(r => r.Battery)
                .ThenBy(r => r.RobotId, StringComparer.Ordinal)
                .First();
            free.Remove(best);
            result.Add(new TaskAssignment(task.TaskId, best.RobotId, best.Position.ManhattanDistanceTo(task.PickLocation)));
        }

        return result;
    }

    /// <summary>The least total distance over every way to give min(tasks, robots) tasks distinct robots (tasks fixed: the first ones).</summary>
    public static long BruteForceOptimum(IReadOnlyList<PendingTask> tasks, IReadOnlyList<IdleRobot> robots)
    {
        var count = Math.Min(tasks.Count, robots.Count);
        var used = new bool[robots.Count];
        long best = long.MaxValue;
        Search(0, 0);
        return count == 0 ? 0 : best;

        void Search(int task, long sum)
        {
            if (sum >= best)
            {
                return;
            }

            if (task == count)
            {
                best = sum;
                return;
            }

            for (var r = 0; r < robots.Count; r++)
            {
                if (!used[r])
                {
                    used[r] = true;
                    Search(task + 1, sum + robots[r].Position.ManhattanDistanceTo(tasks[task].PickLocation));
                    used[r] = false;
                }
            }
        }
    }

    /// <summary>Each task and robot at most once, distances true to the positions.</summary>
    public static void AssertConsistent(IReadOnlyList<TaskAssignment> assignments, IReadOnlyList<PendingTask> tasks, IReadOnlyList<IdleRobot> robots)
    {
        Assert.Equal(assignments.Count, assignments.Select(a => a.TaskId).Distinct().Count());
        Assert.Equal(assignments.Count, assignments.Select(a => a.RobotId).Distinct().Count());
        foreach (var a in assignments)
        {
            var task = tasks.Single(t => t.TaskId == a.TaskId);
            var robot = robots.Single(r => r.RobotId == a.RobotId);
            Assert.Equal(robot.Position.ManhattanDistanceTo(task.PickLocation), a.Distance);
        }
    }
}
