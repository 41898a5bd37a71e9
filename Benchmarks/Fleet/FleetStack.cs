using System.Diagnostics;
using MultiAgent.Benchmarks.Cluster;
using MultiAgent.Benchmarks.Streams;
using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime.Client;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Kafka;
using MultiAgent.Runtime.Testing;
using MultiAgent.Runtime.Storage;

namespace MultiAgent.Benchmarks.Fleet;

/// <summary>
/// The whole fleet, each part a real process as in the main job (scripts/run.sh): a redis-server (membership and
/// grain state — the scheduler's and robots' writes are part of what is measured), the embedded Kafka broker, and
/// the stock silo executable with Redis storage and the Kafka "fleet" provider; this process joins as a cluster
/// client to lay out the warehouse and start its simulated robots.
/// </summary>
internal sealed class FleetStack : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const int SpawnParallelism = 64;

    private static readonly RedisServerOptions RedisOptions = new()
    {
        NotFoundMessage = "The fleet benchmarks need redis-server (the OS package) on PATH, /usr/bin or /usr/local/bin, or MULTIAGENT_REDIS_SERVER set to its path.",
        KillOnExit = kill => new ExitHook(kill),
    };

    private readonly List<IAsyncDisposable> _parts = [];

    private FleetStack()
    {
    }

    public string BootstrapServers { get; private set; } = string.Empty;

    public FleetSiloProcess Silo { get; private set; } = null!;

    public ClusterClient Client { get; private set; } = null!;

    public ISchedulerGrain Scheduler => Client.GetGrain<ISchedulerGrain>(BenchWarehouse.Id);

    /// <param name="orderPartitions">Partitions of the orders and task-completions topics (one warehouse uses one of them).</param>
    public static async Task<FleetStack> StartAsync(int orderPartitions, CancellationToken cancellationToken)
    {
        var stack = new FleetStack();
        try
        {
            await stack.StartPartsAsync(orderPartitions, cancellationToken);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Lays out the warehouse and starts <paramref name="count"/> simulated robots in it; returns how long the robots took to start.</summary>
    public async Task<TimeSpan> SpawnRobotsAsync(int count, double speed, double timeScale, CancellationToken cancellationToken)
    {
        await Client.GetGrain<IWarehouseGrain>(BenchWarehouse.Id).Configure(BenchWarehouse.Layout);
        var watch = Stopwatch.StartNew();
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = SpawnParallelism, CancellationToken = cancellationToken }, async (k, _) =>
            await Client.GetGrain<IRobotGrain>($"{BenchWarehouse.Id}-r{k + 1}").Start(BenchWarehouse.Id, BenchWarehouse.RobotStart(k, count), speed, timeScale));
        return watch.Elapsed;
    }

    /// <summary>Stops in reverse order of starting: client, silo, broker, Redis.</summary>
    public async ValueTask DisposeAsync()
    {
        for (var i = _parts.Count - 1; i >= 0; i--)
        {
            await _parts[i].DisposeAsync();
        }

        _parts.Clear();
    }

    private async Task StartPartsAsync(int orderPartitions, CancellationToken cancellationToken)
    {
        var redis = await RedisServerProcess.StartAsync(RedisOptions, cancellationToken);
        _parts.Add(redis);

        KafkaNative.EnsureLoaded();
        var broker = await KafkaDevBrokerProcess.StartAsync(
            typeof(FleetStack).Assembly.Location,
            [KafkaBrokerMode.Name],
            brokers: 1,
            topics: [new(FleetTopics.Orders, orderPartitions), new(FleetTopics.TaskCompletions, orderPartitions), new(FleetTopics.OrdersDeadLetter, 1)],
            StartTimeout,
            cancellationToken);
        _parts.Add(broker);
        BootstrapServers = broker.BootstrapServers;

        // The main job's settings (scripts/run.sh), nothing tuned for the benchmark: the shipped appsettings.json
        // applies, and the fleet provider and storage come from Silo/Configuration/FleetConfiguration.cs.
        var clusterId = $"fleet-bench-{Guid.NewGuid():N}"[..20];
        var storage = ConfigurationKeys.Storage(GrainStorageNames.Default);
        Silo = await FleetSiloProcess.StartAsync("fleet-bench-silo", new Dictionary<string, string>
        {
            ["MultiAgent:Silo:ClusterId"] = clusterId,
            ["MultiAgent:Membership:ConnectionString"] = redis.ConnectionString,
            [$"{storage}:Provider"] = "Redis",
            [$"{storage}:ConnectionString"] = redis.ConnectionString,
            ["MultiAgent:Kafka:BootstrapServers"] = BootstrapServers,
            ["MultiAgent:Endpoints:SiloPort"] = "0",
            ["MultiAgent:Endpoints:GatewayPort"] = "0",
        }, StartTimeout, cancellationToken);
        _parts.Add(Silo);

        Client = new ClusterClient(new ClusterClientOptions { ClusterId = clusterId, MembershipConnectionString = redis.ConnectionString });
        _parts.Add(Client);
        await Client.ConnectAsync(cancellationToken);
    }
}
