using System.Text;
using Confluent.Kafka;
using MultiAgent.Runtime.Kafka;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Kafka;

/// <summary>
/// The embedded broker (<c>multiagent-client kafka-dev</c>, librdkafka's mock cluster in its own process)
/// behaves as Kafka for what the stream provider relies on: topics with set partition counts, consumer groups
/// that balance across members and processes, per-key order, and a broker that outlives its clients.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class EmbeddedBrokerTests(KafkaDevBroker broker)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Topics_exist_with_the_requested_partition_counts()
    {
        var created = await broker.CreateTopicAsync("test.metadata", partitions: 3);

        using var admin = new AdminClientBuilder(KafkaClientDefaults.Admin(broker.BootstrapServers)).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));

        var partitions = metadata.Topics.ToDictionary(t => t.Topic, t => t.Partitions.Count);
        Assert.Equal(8, partitions["orders"]);
        Assert.Equal(8, partitions["task-completions"]);
        Assert.Equal(1, partitions["orders.dlq"]);
        Assert.Equal(3, partitions[created]);
        Assert.All(metadata.Topics, t => Assert.Equal(ErrorCode.NoError, t.Error.Code));
    }

    [Fact]
    public async Task A_produced_message_reaches_a_consumer_group_with_key_and_headers()
    {
        var topic = await broker.CreateTopicAsync("test.roundtrip", partitions: 2);
        await using var consumer = new ConsumerLoop(broker.BootstrapServers, KafkaDevBroker.UniqueName("group"), topic);
        using var producer = new ProducerBuilder<string, string>(KafkaClientDefaults.Producer(broker.BootstrapServers)).Build();

        var delivered = await producer.ProduceAsync(topic, new Message<string, string>
        {
            Key = "wh-7",
            Value = """{"orderId":"o-1"}""",
            Headers = new Headers { { "traceparent", Encoding.UTF8.GetBytes("00-abc-def-01") } },
        });

        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
        await Eventually.AssertAsync(() => !consumer.Received.IsEmpty, Deadline, "the consumer group receives the message");
        var received = Assert.Single(consumer.Received);
        Assert.Equal("wh-7", received.Message.Key);
        Assert.Equal("""{"orderId":"o-1"}""", received.Message.Value);
        Assert.Equal("00-abc-def-01", Encoding.UTF8.GetString(received.Message.Headers.GetLastBytes("traceparent")));
        Assert.Equal(delivered.TopicPartitionOffset, received.TopicPartitionOffset);
        Assert.Null(consumer.Fault);
    }

    [Fact]
    public async Task Per_key_order_holds_over_10k_messages_on_8_partitions()
    {
        const int messages = 10_000;
        const int keys = 64;
        var topic = await broker.CreateTopicAsync("test.order", partitions: 8);
        await using var consumer = new ConsumerLoop(broker.BootstrapServers, KafkaDevBroker.UniqueName("group"), topic);

        using (var producer = new ProducerBuilder<string, string>(KafkaClientDefaults.Producer(broker.BootstrapServers)).Build())
        {
            var failures = 0;
            for (var i = 0; i < messages; i++)
            {
                // The value is the message's sequence number within its key.
                producer.Produce(
                    topic,
                    new Message<string, string> { Key = $"key-{i % keys}", Value = (i / keys).ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    report => { if (report.Error.IsError) Interlocked.Increment(ref failures); });
            }

            Assert.Equal(0, producer.Flush(Deadline));
            Assert.Equal(0, failures);
        }

        await Eventually.AssertAsync(() => consumer.Received.Count >= messages, Deadline, $"all {messages} messages are consumed");
        var received = consumer.Received.ToArray();
        Assert.Equal(messages, received.Length);
        Assert.Equal(8, received.Select(r => r.Partition.Value).Distinct().Count());
        foreach (var byKey in received.GroupBy(r => r.Message.Key))
        {
            Assert.Single(byKey.Select(r => r.Partition.Value).Distinct());
            var sequence = byKey.Select(r => int.Parse(r.Message.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(Enumerable.Range(0, sequence.Length), sequence);
        }

        Assert.Null(consumer.Fault);
    }

    [Fact]
    public async Task A_second_consumer_in_the_group_gets_partitions_after_a_rebalance()
    {
        var topic = await broker.CreateTopicAsync("test.rebalance", partitions: 8);
        var group = KafkaDevBroker.UniqueName("group");
        await using var first = new ConsumerLoop(broker.BootstrapServers, group, topic);
        await Eventually.AssertAsync(() => first.Assignment.Count == 8, Deadline, "the only member holds all 8 partitions");

        await using var second = new ConsumerLoop(broker.BootstrapServers, group, topic);
        await Eventually.AssertAsync(
            () => first.Assignment.Count > 0 && second.Assignment.Count > 0 && first.Assignment.Count + second.Assignment.Count == 8,
            Deadline,
            "after the rebalance both members hold partitions, 8 in all");
        Assert.Empty(first.Assignment.Intersect(second.Assignment));

        using var producer = new ProducerBuilder<string, string>(KafkaClientDefaults.Producer(broker.BootstrapServers)).Build();
        for (var i = 0; i < 64; i++)
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = $"key-{i}", Value = "x" });
        }

        await Eventually.AssertAsync(() => first.Received.Count + second.Received.Count == 64, Deadline, "the two members together receive every message");
        Assert.NotEmpty(first.Received);
        Assert.NotEmpty(second.Received);
        Assert.Null(first.Fault);
        Assert.Null(second.Fault);
    }

    [Fact]
    public async Task A_killed_consumer_process_loses_its_partitions_and_the_broker_keeps_serving()
    {
        var topic = await broker.CreateTopicAsync("test.failover", partitions: 8);
        var group = KafkaDevBroker.UniqueName("group");

        // Another process and another Kafka client: kcat as a balanced group member.
        await using var kcat = KcatProcess.Start(
            "-b", broker.BootstrapServers, "-G", group, "-q",
            "-X", $"session.timeout.ms={ConsumerLoop.SessionTimeoutMs}", "-X", "heartbeat.interval.ms=500", "-X", "fetch.wait.max.ms=5",
            topic);
        await using var survivor = new ConsumerLoop(broker.BootstrapServers, group, topic);
        await Eventually.AssertAsync(
            () => survivor.Assignment.Count is > 0 and < 8,
            Deadline,
            $"kcat and the test's consumer share the 8 partitions (test holds {survivor.Assignment.Count}); kcat said:\n{kcat.Output}");

        kcat.Kill();
        await Eventually.AssertAsync(() => survivor.Assignment.Count == 8, Deadline, "the survivor takes over the dead member's partitions");

        // kcat again, now as an outside producer: the survivor gets every message, from all partitions.
        var lines = Enumerable.Range(0, 32).Select(i => $"wh-{i}:order-{i}");
        await KcatProcess.RunAsync(string.Join('\n', lines) + "\n", "-b", broker.BootstrapServers, "-P", "-t", topic, "-K:");
        await Eventually.AssertAsync(() => survivor.Received.Count == 32, Deadline, "the survivor consumes what kcat produced");
        Assert.Equal(
            Enumerable.Range(0, 32).Select(i => $"order-{i}").Order(StringComparer.Ordinal),
            survivor.Received.Select(r => r.Message.Value).Order(StringComparer.Ordinal));
        Assert.False(broker.Process.HasExited, "the broker outlives its clients");
        Assert.Null(survivor.Fault);
    }
}
