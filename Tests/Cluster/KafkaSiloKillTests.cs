using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Confluent.Kafka;
using MultiAgent.Runtime.Kafka;
using MultiAgent.TestGrains;
using MultiAgent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MultiAgent.Tests.Cluster;

/// <summary>
/// Two real silo processes consume one Kafka topic in one consumer group; <c>kill -9</c> of one moves its
/// partitions to the other and no event is lost. In the silo-process collection (runs alone, shares Redis);
/// the broker is a class fixture because a class belongs to one collection only.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed partial class KafkaSiloKillTests(RedisServer redis, KafkaDevBroker broker, ITestOutputHelper log)
    : IClassFixture<KafkaDevBroker>, IAsyncLifetime
{
    private const int Partitions = 8;
    private const int Keys = 20;
    private const int EventsPerKey = 100;

    private readonly ProcessCluster _cluster = new(redis, log);
    private readonly List<SiloProcess> _silos = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_silos.Select(s => s.DisposeAsync().AsTask()));
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task After_kill_9_of_one_of_two_silos_its_partitions_move_and_every_event_is_delivered_at_least_once()
    {
        var topic = await broker.CreateTopicAsync("kill-probe", Partitions);
        var started = await Task.WhenAll(new[] { "kafka-a", "kafka-b" }.Select(name => SiloProcess.StartAsync(name, Configuration(topic), log)));
        _silos.AddRange(started);
        await _cluster.WaitForActiveSilosAsync(2);
        // The silos also consume the topics of the application's implicit subscribers (orders, …): count them all.
        var total = 0;
        await Eventually.AssertAsync(
            () => ConsumedPartitions(_silos[0], topic) is { } all && (total = all) > 0
                && _silos.All(s => s.OwnedKafkaPartitions() > 0) && _silos.Sum(s => s.OwnedKafkaPartitions()) == total,
            TimeSpan.FromSeconds(20),
            $"both silos share the {total} partitions of their topics");
        var client = await _cluster.ConnectClientAsync();
        var run = Guid.NewGuid().ToString("N")[..8];
        var keys = Enumerable.Range(0, Keys).Select(i => $"{run}-tally-{i}").ToList();
        var elapsed = Stopwatch.StartNew();

        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, Acks = Acks.All, LingerMs = 1 }).Build())
        {
            Produce(producer, topic, keys, 0, EventsPerKey / 2);
            // Killed right after the first half is on the broker: its partitions still have events in flight.
            var victim = _silos[1];
            victim.Kill();
            log.WriteLine($"{elapsed.Elapsed.TotalSeconds:0.0} s: killed {victim}");
            Produce(producer, topic, keys, EventsPerKey / 2, EventsPerKey);
        }

        var survivor = _silos[0];
        await Eventually.AssertAsync(
            () => survivor.OwnedKafkaPartitions() == total, TimeSpan.FromSeconds(30), $"{survivor.Name} owns all {total} partitions after the kill");
        log.WriteLine($"{elapsed.Elapsed.TotalSeconds:0.0} s: {survivor.Name} owns all partitions");

        int[][] received = [];
        await Eventually.AssertAsync(
            async () =>
            {
                received = await Task.WhenAll(keys.Select(k => client.GetGrain<IKafkaTallyGrain>(k).Received()));
                return received.All(r => r.Length == EventsPerKey);
            },
            TimeSpan.FromSeconds(60),
            $"every one of the {Keys * EventsPerKey} events is delivered at least once");
        log.WriteLine($"{elapsed.Elapsed.TotalSeconds:0.0} s: all {Keys * EventsPerKey} events delivered");
        Assert.All(received, r => Assert.Equal(Enumerable.Range(0, EventsPerKey), r));
    }

    private static void Produce(IProducer<string, byte[]> producer, string topic, List<string> keys, int from, int to)
    {
        for (var sequence = from; sequence < to; sequence++)
        {
            foreach (var key in keys)
            {
                producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = JsonSerializer.SerializeToUtf8Bytes(new TallyEvent(sequence)) });
            }
        }

        Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(30)));
    }

    /// <summary>Partitions of the topics the silo's consumer subscribed to (ours, the broker's default ones); null before it says.</summary>
    private static int? ConsumedPartitions(SiloProcess silo, string topic)
    {
        if (ConsumingLine().Match(silo.Output) is not { Success: true } line)
        {
            return null;
        }

        var defaults = KafkaTopicSpec.ParseList(KafkaDevHostOptions.DefaultTopics).ToDictionary(t => t.Name, t => t.Partitions);
        var topics = line.Groups[1].Value.Split(", ");
        Assert.Contains(topic, topics);
        return topics.Sum(t => t == topic ? Partitions : defaults.GetValueOrDefault(t, KafkaTopicSpec.MockAutoCreatePartitions));
    }

    [GeneratedRegex(@"Kafka stream provider fleet consuming (.+) in group ")]
    private static partial Regex ConsumingLine();

    // ProcessCluster's settings (Redis membership and storage, fast failure detection) plus the Kafka provider.
    private Dictionary<string, string> Configuration(string topic) => new()
    {
        ["MultiAgent:Silo:ClusterId"] = _cluster.ClusterId,
        ["MultiAgent:Membership:ConnectionString"] = redis.ConnectionString,
        ["MultiAgent:Membership:HeartbeatInterval"] = "00:00:00.200",
        ["MultiAgent:Membership:DeathTimeout"] = "00:00:02",
        ["MultiAgent:Membership:TableRefreshInterval"] = "00:00:00.200",
        ["MultiAgent:Storage:Default:Provider"] = "Redis",
        ["MultiAgent:Storage:Default:ConnectionString"] = redis.ConnectionString,
        ["MultiAgent:Storage:Default:ServiceId"] = _cluster.ClusterId,
        ["MultiAgent:Endpoints:SiloPort"] = "0",
        ["MultiAgent:Endpoints:GatewayPort"] = "0",
        ["MultiAgent:Kafka:BootstrapServers"] = broker.BootstrapServers,
        ["MultiAgent:Streams:fleet:Topics:kill-probe"] = topic,
        // The mock cluster needs about 3.5 s to notice a dead member; a short timeout keeps the failover quick.
        ["MultiAgent:Streams:fleet:SessionTimeoutMs"] = "4000",
    };
}
