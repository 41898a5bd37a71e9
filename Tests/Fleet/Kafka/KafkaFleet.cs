using Confluent.Kafka;
using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Tests.Fleet.Grains;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Fleet.Kafka;

/// <summary>
/// A <see cref="FleetCluster"/> whose "fleet" streams run on the embedded Kafka broker, on topics of its
/// own (orders, completions, and the orders' dead-letter topic), and an outside producer for its orders topic.
/// </summary>
internal sealed class KafkaFleet : IAsyncDisposable
{
    private readonly IProducer<string, byte[]> _producer;

    private KafkaFleet(KafkaDevBroker broker, FleetCluster fleet, string ordersTopic, string completionsTopic)
    {
        Broker = broker;
        Fleet = fleet;
        OrdersTopic = ordersTopic;
        CompletionsTopic = completionsTopic;
        _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, Acks = Acks.All, LingerMs = 1 }).Build();
    }

    public KafkaDevBroker Broker { get; }

    public FleetCluster Fleet { get; }

    public string OrdersTopic { get; }

    public string CompletionsTopic { get; }

    /// <summary>Where the stream provider dead-letters what it cannot deliver from the orders topic.</summary>
    public string DeadLetterTopic => OrdersTopic + ".dlq";

    public static async Task<KafkaFleet> StartAsync(KafkaDevBroker broker, RobotOptions? robots = null)
    {
        var ordersTopic = await broker.CreateTopicAsync("fleet-orders", partitions: 8);
        var completionsTopic = await broker.CreateTopicAsync("fleet-completions", partitions: 8);
        var fleet = new FleetCluster(robots, streams: silo => silo.AddKafkaStreams(FleetStreams.ProviderName, o =>
        {
            o.BootstrapServers = broker.BootstrapServers;
            o.Topics[FleetTopics.Orders] = ordersTopic;
            o.Topics[FleetTopics.TaskCompletions] = completionsTopic;
            o.MaxDeliveryAttempts = 3;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            o.SessionTimeoutMs = 3_000;
        }));
        await fleet.DeployAsync();
        return new KafkaFleet(broker, fleet, ordersTopic, completionsTopic);
    }

    /// <summary>Produces <paramref name="messages"/> in this order, key = <paramref name="warehouseId"/> (so one partition), each acknowledged before the next.</summary>
    public async Task ProduceAsync(string warehouseId, IEnumerable<byte[]> messages)
    {
        foreach (var message in messages)
        {
            await _producer.ProduceAsync(OrdersTopic, new Message<string, byte[]> { Key = warehouseId, Value = message });
        }
    }

    /// <summary>An outside consumer of a topic of this fleet, from its beginning.</summary>
    public KafkaTopicRecorder Record(string topic) => new(Broker.BootstrapServers, topic);

    public async ValueTask DisposeAsync()
    {
        _producer.Dispose();
        await Fleet.DisposeAsync();
    }
}
