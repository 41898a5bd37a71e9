using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Testing;
using MultiAgent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MultiAgent.Tests.Client;

/// <summary>
/// <c>fleet demo</c> as a user runs it (a client process) against a silo consuming its orders from the embedded
/// Kafka broker: its summary tells what the cluster did, and SIGTERM (what scripts/run.sh turns Ctrl-C into)
/// stops the producer, prints the summary and exits 0 without losing an order already in Kafka.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class FleetDemoCommandTests(KafkaDevBroker broker, ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);
    private readonly string _warehouse = "wh-demo-" + Guid.NewGuid().ToString("N")[..8];
    private TestCluster? _cluster;
    private string _ordersTopic = "";

    private IGrainFactory Grains => _cluster!.GrainFactory;

    public async Task InitializeAsync()
    {
        _ordersTopic = await broker.CreateTopicAsync("demo-orders", partitions: 2);
        var completionsTopic = await broker.CreateTopicAsync("demo-completions", partitions: 2);
        _cluster = new TestClusterBuilder { Clustered = true }
            .AddSiloConfigurator(silo =>
            {
                silo.AddKafkaStreams(FleetStreams.ProviderName, o =>
                {
                    o.BootstrapServers = broker.BootstrapServers;
                    o.Topics[FleetTopics.Orders] = _ordersTopic;
                    o.Topics[FleetTopics.TaskCompletions] = completionsTopic;
                });
                silo.AddMemoryGrainStorage(FleetStreams.StorageName);
            })
            .Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_summary_reports_what_the_cluster_did()
    {
        var (exitCode, output) = await ClientProcess.RunAsync(Deadline, DemoArguments(robots: 6, orders: 30, rate: 60));
        log.WriteLine(output);

        Assert.Equal(0, exitCode);
        Assert.Equal(30, Row(output, "orders in"));
        Assert.Equal(30, Row(output, "completed"));
        Assert.Equal(0, Row(output, "failed"));
        Assert.Equal(0, Row(output, "not finished"));
        Assert.Contains("over 6 robots", output, StringComparison.Ordinal);

        // The same figures from the grains themselves: the statistics grain and the robots' own counters.
        Assert.Equal(30, (await Grains.GetGrain<IFleetStatisticsGrain>(_warehouse).GetStatistics()).TasksCompleted);
        var executed = 0L;
        foreach (var robot in await Grains.GetGrain<IWarehouseGrain>(_warehouse).GetRobots())
        {
            executed += (await Grains.GetGrain<IRobotGrain>(robot).GetSnapshot()).TasksCompleted;
        }

        Assert.Equal(30, executed);
    }

    [Fact]
    public async Task Sigterm_stops_the_producer_prints_the_summary_and_loses_no_order()
    {
        // 2,000 orders at 20/s would take 100 s: the run is stopped long before.
        using var demo = ClientProcess.Start(DemoArguments(robots: 4, orders: 2000, rate: 20));
        await Eventually.AssertAsync(() => demo.Output.Contains("producing:", StringComparison.Ordinal), Deadline, "the demo should start producing");
        await Eventually.AssertAsync(
            async () => (await Grains.GetGrain<IFleetStatisticsGrain>(_warehouse).GetStatistics()).TasksCompleted > 0,
            Deadline,
            "some orders should complete before the demo is stopped");

        await ClientProcess.TerminateAsync(demo);
        Assert.True(await demo.WaitForExitAsync(Deadline), "the demo should exit after SIGTERM");
        log.WriteLine(demo.Output);

        Assert.Equal(0, demo.ExitCode);
        Assert.Contains("stopped by Ctrl-C", demo.Output, StringComparison.Ordinal);
        var ordersIn = Row(demo.Output, "orders in");
        Assert.InRange(ordersIn, 1, 1999);

        // Every order Kafka acknowledged still reaches a robot after the client has gone.
        var statistics = Grains.GetGrain<IFleetStatisticsGrain>(_warehouse);
        await Eventually.AssertAsync(async () => (await statistics.GetStatistics()).TasksCompleted == ordersIn, Deadline, $"all {ordersIn} orders in Kafka should complete");
    }

    private string[] DemoArguments(int robots, int orders, double rate) =>
    [
        "--gateway", $"127.0.0.1:{_cluster!.Primary.GatewayPort}", "--cluster", _cluster.ClusterId,
        "fleet", "demo", "--kafka", broker.BootstrapServers, "--topic", _ordersTopic, "--warehouse", _warehouse,
        "--robots", robots.ToString(CultureInfo.InvariantCulture), "--orders", orders.ToString(CultureInfo.InvariantCulture),
        "--rate", rate.ToString(CultureInfo.InvariantCulture), "--time-scale", "200",
        "--width", "12", "--height", "8", "--pick-stations", "2", "--drop-stations", "2", "--chargers", "1", "--seed", "7",
    ];

    /// <summary>The first number of a summary row, e.g. "│ completed │ 30  (12.0 orders/s) │" → 30.</summary>
    private static long Row(string output, string label)
    {
        var match = Regex.Match(output, $@"│ {Regex.Escape(label)}\s+│\s+(\d+)");
        Assert.True(match.Success, $"no summary row '{label}' in:\n{output}");
        return long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
