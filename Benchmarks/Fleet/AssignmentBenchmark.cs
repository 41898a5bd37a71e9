using System.Diagnostics;
using MultiAgent.Benchmarks.Reporting;
using MultiAgent.Grains.Fleet;
using MultiAgent.Grains.Fleet.Assignment;

namespace MultiAgent.Benchmarks.Fleet;

/// <summary>
/// Scheduler decisions per second — tasks assigned per second of policy time — at backlogs of 10, 100
/// and 1,000 waiting tasks, on a 200 × 200 grid with uniformly random robots and pick locations. Pure
/// CPU, single thread: the ceiling the scheduler grain's turn can reach, before messaging and storage.
/// </summary>
internal static class AssignmentBenchmark
{
    private static readonly TimeSpan Warmup = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan Measure = TimeSpan.FromSeconds(1.5);
    private static readonly int[] Backlogs = [10, 100, 1_000];
    private const int GridSize = 200;
    private const int GreedyRobots = 1_000;
    private const int InstancesPerSetup = 16;
    private const int Seed = 2_030;

    public static void Run(BenchReport report)
    {
        foreach (var backlog in Backlogs)
        {
            var greedy = new NearestIdleRobotPolicy();
            var perSecond = DecisionsPerSecond(greedy, Instances(backlog, GreedyRobots));
            report.Add($"fleet.decisions_per_s_greedy_b{backlog}", perSecond, "1/s",
                $"{backlog} tasks, {GreedyRobots:N0} idle robots, {GridSize}×{GridSize} grid");
        }

        foreach (var backlog in Backlogs)
        {
            var hungarian = new HungarianPolicy();
            var perSecond = DecisionsPerSecond(hungarian, Instances(backlog, robots: backlog));
            var batches = (backlog + hungarian.BatchSize - 1) / hungarian.BatchSize;
            report.Add($"fleet.decisions_per_s_hungarian_b{backlog}", perSecond, "1/s",
                $"{backlog} tasks, {backlog} robots, batch ≤ {hungarian.BatchSize} ({batches} solve{(batches == 1 ? "" : "s")})");
        }

        var (optimal, nearest) = TotalDistances(Instances(100, robots: 100));
        report.Add("fleet.hungarian_distance_ratio_b100", optimal / (double)nearest, "ratio", "Hungarian ÷ greedy total travel, 100 tasks × 100 robots");
    }

    private static double DecisionsPerSecond(IAssignmentPolicy policy, (PendingTask[] Tasks, IdleRobot[] Robots)[] instances)
    {
        Run(policy, instances, Warmup);
        var (decisions, elapsed) = Run(policy, instances, Measure);
        return decisions / elapsed.TotalSeconds;
    }

    private static (long Decisions, TimeSpan Elapsed) Run(IAssignmentPolicy policy, (PendingTask[] Tasks, IdleRobot[] Robots)[] instances, TimeSpan duration)
    {
        long decisions = 0;
        var watch = Stopwatch.StartNew();
        for (var call = 0; watch.Elapsed < duration; call++)
        {
            var (tasks, robots) = instances[call % instances.Length];
            decisions += policy.Assign(tasks, robots).Count;
        }

        return (decisions, watch.Elapsed);
    }

    private static (long Hungarian, long Greedy) TotalDistances((PendingTask[] Tasks, IdleRobot[] Robots)[] instances)
    {
        long hungarian = 0, greedy = 0;
        foreach (var (tasks, robots) in instances)
        {
            hungarian += new HungarianPolicy().Assign(tasks, robots).Sum(a => (long)a.Distance);
            greedy += new NearestIdleRobotPolicy().Assign(tasks, robots).Sum(a => (long)a.Distance);
        }

        return (hungarian, greedy);
    }

    /// <summary>Random backlogs (sorted the way the scheduler keeps them) and robot sets, from a fixed seed.</summary>
    private static (PendingTask[] Tasks, IdleRobot[] Robots)[] Instances(int backlog, int robots)
    {
        var random = new Random(Seed + backlog + robots);
        var createdAt = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(0, InstancesPerSetup).Select(_ =>
        {
            var tasks = Enumerable.Range(0, backlog)
                .Select(i => new PendingTask($"t{i}", RandomPoint(random), random.Next(1, 4), null, createdAt.AddMilliseconds(i)))
                .Order(PendingTaskOrder.Instance)
                .ToArray();
            var fleet = Enumerable.Range(0, robots)
                .Select(i => new IdleRobot($"r{i}", RandomPoint(random), 0.3 + (random.NextDouble() * 0.7)))
                .ToArray();
            return (tasks, fleet);
        }).ToArray();
    }

    private static GridPoint RandomPoint(Random random) => new(random.Next(GridSize), random.Next(GridSize));
}
