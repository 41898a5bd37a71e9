using System.Diagnostics;
using System.Text.Json;
using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime.Client;
using MultiAgent.Tests.Cluster;
using MultiAgent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MultiAgent.Tests.Fleet.Process;

/// <summary>
/// The fleet on two real silo processes (Redis membership and storage, the embedded Kafka broker): an outside
/// producer writes 5,000 orders to the orders topic, and one silo is killed with <c>kill -9</c> when about a
/// third have completed. Every order must still complete exactly once, as the outside consumer of the
/// completions topic, the robots' own counters, the scheduler and the statistics grain each see it.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class FleetSiloKillTests(RedisServer redis, KafkaDevBroker broker, ITestOutputHelper log)
    : IClassFixture<KafkaDevBroker>, IAsyncLifetime
{
    private const int OrderCount = 5_000;
    private const int RobotCount = 50;
    private const int GridSize = 20;

    // 300 cells a second per robot: a task (≈ 27 cells) takes about 0.1 s, so 50 robots could do 500 a second, above
    // the producer's 300 a second: the run lasts about 17 s, and the kill comes while orders are still flowing.
    private const double Speed = 1;
    private const double TimeScale = 300;
    private const int OrdersPerSecond = 300;

    private static readonly TimeSpan CompletionTimeout = TimeSpan.FromSeconds(90);

    private readonly ProcessCluster _cluster = new(redis, log);
    private readonly HashSet<string> _completedOrders = new(StringComparer.Ordinal);
    private int _completionsRead;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task After_kill_9_of_one_of_two_silos_every_one_of_5000_orders_completes_exactly_once(bool killTheSchedulersSilo)
    {
        var ordersTopic = await broker.CreateTopicAsync(FleetTopics.Orders, partitions: 8);
        var completionsTopic = await broker.CreateTopicAsync(FleetTopics.TaskCompletions, partitions: 8);
        await _cluster.StartSilosAsync(SiloSettings(ordersTopic, completionsTopic), "fleet-a", "fleet-b");
        await _cluster.WaitForActiveSilosAsync(2);
        await Eventually.AssertAsync(
            () => _cluster.Silos.All(s => s.OwnedKafkaPartitions() > 0), TimeSpan.FromSeconds(20), "both silos consume a share of the partitions");

        var client = await _cluster.ConnectClientAsync();
        var warehouse = "wh-" + Guid.NewGuid().ToString("N")[..8];
        var robots = await SpawnAsync(client, warehouse);
        var victim = await ChooseVictimAsync(warehouse, killTheSchedulersSilo);

        using var completions = new KafkaTopicRecorder(broker.BootstrapServers, completionsTopic);
        var orders = NewOrders(warehouse);
        var elapsed = Stopwatch.StartNew();
        var producing = Task.Run(() => FleetOrderProducer.ProduceAtRate(broker.BootstrapServers, ordersTopic, orders, OrdersPerSecond));

        await Eventually.AssertAsync(
            () => CompletedOrders(completions).Count >= OrderCount / 3, TimeSpan.FromSeconds(60), "a third of the orders complete before the kill");
        victim.Kill();
        log.WriteLine($"{elapsed.Elapsed.TotalSeconds:0.0} s: killed {victim} with {CompletedOrders(completions).Count} orders completed");
        await producing;
        log.WriteLine($"{elapsed.Elapsed.TotalSeconds:0.0} s: all {OrderCount} orders produced");

        try
        {
            await Eventually.AssertAsync(
                () => CompletedOrders(completions).Count == OrderCount, CompletionTimeout, $"all {OrderCount} orders complete after the kill");
        }
        catch (Exception) when (LogMissing(orders, completions))
        {
        }

        log.WriteLine($"{elapsed.Elapsed.TotalSeconds:0.0} s: all {OrderCount} orders completed");
        await completions.WaitForQuietAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));

        // 1. The completions topic: every order, and no order executed twice. Publishing is at-least-once, so
        //    a robot that crashed right after publishing publishes the same event again on resumption — the
        //    same robot, attempt and times. A second execution would differ (another robot, attempt or time).
        var events = completions.Snapshot().Select(m => JsonSerializer.Deserialize<TaskCompleted>(m.Value, FleetJson.Options)!).ToList();
        Assert.Equal(orders.Select(o => o.OrderId).Order(StringComparer.Ordinal), events.Select(e => e.OrderId).Distinct().Order(StringComparer.Ordinal));
        var repeated = events.GroupBy(e => e.OrderId).Where(g => g.Count() > 1).ToList();
        foreach (var group in repeated)
        {
            log.WriteLine($"order {group.Key}: {group.Count()} completion events: {string.Join(" | ", group)}");
        }

        Assert.All(repeated, group => Assert.Single(group.Distinct()));
        var executions = events.Distinct().ToList();
        Assert.Equal(OrderCount, executions.Count);

        // 2. The robots' counters: 5,000 executions in all, each robot's count matching its completions on the topic.
        var snapshots = await ReadRobotsAsync(robots);
        Assert.Equal(OrderCount, snapshots.Sum(s => s.TasksCompleted));
        var byRobot = executions.GroupBy(e => e.RobotId).ToDictionary(g => g.Key, g => g.LongCount(), StringComparer.Ordinal);
        Assert.All(snapshots, s => Assert.Equal(byRobot.GetValueOrDefault(s.RobotId), s.TasksCompleted));
        Assert.All(snapshots, s => Assert.Null(s.CurrentTaskId));

        // 3. The scheduler and the statistics grain agree.
        var scheduler = client.GetGrain<ISchedulerGrain>(warehouse);
        var notCompleted = new List<string>();
        foreach (var order in orders)
        {
            if ((await scheduler.GetOrderStatus(order.OrderId)).Status != OrderStatus.Completed)
            {
                notCompleted.Add(order.OrderId);
            }
        }

        Assert.Empty(notCompleted);
        Assert.Equal(0, await scheduler.GetQueueDepth());
        var statistics = client.GetGrain<IFleetStatisticsGrain>(warehouse);
        await Eventually.AssertAsync(
            async () => (await statistics.GetStatistics()).TasksCompleted >= OrderCount, TimeSpan.FromSeconds(30), "the statistics count every completion");
        Assert.Equal(OrderCount, (await statistics.GetStatistics()).TasksCompleted);
        log.WriteLine($"{elapsed.Elapsed.TotalSeconds:0.0} s: checked; {events.Count} completion events on the topic, {repeated.Count} republished");
    }

    private async Task<List<IRobotGrain>> SpawnAsync(ClusterClient client, string warehouse)
    {
        await client.GetGrain<IWarehouseGrain>(warehouse).Configure(new WarehouseLayout(
            warehouse, GridSize, GridSize, [new(2, 2), new(17, 2)], [new(2, 17), new(17, 17)], [new(0, 10), new(19, 10)]));
        var robots = Enumerable.Range(1, RobotCount).Select(k => client.GetGrain<IRobotGrain>($"{warehouse}-r{k}")).ToList();

        // Spread over the grid row by row, as `robots spawn` does.
        await Task.WhenAll(robots.Select((robot, i) =>
        {
            var cell = i * GridSize * GridSize / RobotCount;
            return robot.Start(warehouse, new GridPoint(cell % GridSize, cell / GridSize), Speed, TimeScale);
        }));
        return robots;
    }

    /// <summary>The silo hosting the warehouse's scheduler (it logs its activation), or the other one.</summary>
    private async Task<SiloProcess> ChooseVictimAsync(string warehouse, bool theSchedulers)
    {
        var activated = $"Scheduler {warehouse} activated";
        await Eventually.AssertAsync(
            () => _cluster.Silos.Any(s => s.Output.Contains(activated, StringComparison.Ordinal)), TimeSpan.FromSeconds(10), "the scheduler is activated");
        var host = _cluster.Silos.Single(s => s.Output.Contains(activated, StringComparison.Ordinal));
        var victim = theSchedulers ? host : _cluster.Silos.Single(s => s != host);
        log.WriteLine($"scheduler on {host.Name}; the victim is {victim.Name}");
        return victim;
    }

    private static List<Order> NewOrders(string warehouse)
    {
        var random = new Random(5);
        GridPoint AnyCell() => new(random.Next(GridSize), random.Next(GridSize));
        return [.. Enumerable.Range(0, OrderCount).Select(i =>
            new Order($"{warehouse}-o{i}", warehouse, $"SKU-{i % 97}", AnyCell(), AnyCell(), Priority: 1 + (i % 3)))];
    }

    /// <summary>The evidence when orders are missing: how many, and the first few (look them up in the silos' output).</summary>
    private bool LogMissing(List<Order> orders, KafkaTopicRecorder completions)
    {
        var completed = CompletedOrders(completions);
        var missing = orders.Where(o => !completed.Contains(o.OrderId)).Select(o => o.OrderId).ToList();
        log.WriteLine($"{missing.Count} orders never completed, e.g. {string.Join(", ", missing.Take(10))}");
        return false; // let the failure through
    }

    /// <summary>The orders with a completion on the topic so far (reading only what arrived since the last call: it is polled).</summary>
    private HashSet<string> CompletedOrders(KafkaTopicRecorder completions)
    {
        foreach (var message in completions.Snapshot(_completionsRead))
        {
            _completedOrders.Add(JsonSerializer.Deserialize<TaskCompleted>(message.Value, FleetJson.Options)!.OrderId);
            _completionsRead++;
        }

        return _completedOrders;
    }

    /// <summary>Every robot's snapshot; right after the kill a call may still meet the dead gateway, so it is retried.</summary>
    private static async Task<List<RobotSnapshot>> ReadRobotsAsync(List<IRobotGrain> robots)
    {
        var snapshots = new List<RobotSnapshot>();
        await Eventually.AssertAsync(
            async () =>
            {
                snapshots = [.. await Task.WhenAll(robots.Select(r => r.GetSnapshot()))];
                return true;
            },
            TimeSpan.FromSeconds(20),
            "every robot answers");
        return snapshots;
    }

    private Dictionary<string, string> SiloSettings(string ordersTopic, string completionsTopic) => new()
    {
        ["MultiAgent:Kafka:BootstrapServers"] = broker.BootstrapServers,
        [$"MultiAgent:Streams:fleet:Topics:{FleetTopics.Orders}"] = ordersTopic,
        [$"MultiAgent:Streams:fleet:Topics:{FleetTopics.TaskCompletions}"] = completionsTopic,

        // The mock cluster needs about 3.5 s to notice a dead member; a short timeout keeps the failover quick.
        ["MultiAgent:Streams:fleet:SessionTimeoutMs"] = "4000",
    };
}
