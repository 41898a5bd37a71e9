using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Streams;
using MultiAgent.Runtime.Testing;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Streams;

/// <summary>The Kafka stream provider against the embedded broker (real Kafka protocol, in its own process).</summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaStreamTests(KafkaDevBroker broker) : IAsyncLifetime
{
    private readonly List<TestCluster> _clusters = [];
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var cluster in _clusters)
        {
            await cluster.DisposeAsync();
        }
    }

    private async Task<TestCluster> StartClusterAsync(int silos, string probeTopic, string? topicTopic = null, int maxAttempts = 5, int maxQueued = 1_000, string? batchTopic = null)
    {
        var builder = new TestClusterBuilder { InitialSilosCount = silos }
            .AddSiloConfigurator(silo => silo.AddKafkaStreams("kafka", o =>
            {
                o.BootstrapServers = broker.BootstrapServers;
                o.Topics["kprobe"] = probeTopic;
                if (topicTopic is not null)
                {
                    o.Topics["ktopic"] = topicTopic;
                    o.Namespaces.Add("ktopic");
                }

                if (batchTopic is not null)
                {
                    o.Topics["kbatch"] = batchTopic;
                }

                o.MaxDeliveryAttempts = maxAttempts;
                o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
                o.SessionTimeoutMs = 3_000;
                o.MaxQueuedPerPartition = maxQueued;
            }));
        var cluster = builder.Build();
        _clusters.Add(cluster);
        await cluster.DeployAsync();
        return cluster;
    }

    private IProducer<string, byte[]> OutsideProducer() =>
        new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, Acks = Acks.All, LingerMs = 1 }).Build();

    private static byte[] Json(int sequence, string text) => JsonSerializer.SerializeToUtf8Bytes(new KafkaProbeEvent(sequence, text));

    [Fact]
    public async Task Events_from_an_outside_producer_reach_implicit_subscribers_in_per_key_order_over_8_partitions()
    {
        var topic = await broker.CreateTopicAsync("kprobe-order", partitions: 8);
        await StartClusterAsync(1, topic);
        var keys = Enumerable.Range(0, 100).Select(i => $"{_run}-order-{i}").ToList();

        using (var producer = OutsideProducer())
        {
            for (var sequence = 0; sequence < 100; sequence++)
            {
                foreach (var key in keys)
                {
                    producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = Json(sequence, "ok") });
                }
            }

            producer.Flush(TimeSpan.FromSeconds(30));
        }

        await Eventually.AssertAsync(() => keys.All(k => KafkaProbeLog.Of(k).Count >= 100), TimeSpan.FromSeconds(60), "all 10,000 events should be delivered");
        Assert.All(keys, k => Assert.Equal(Enumerable.Range(0, 100), KafkaProbeLog.Of(k)));
    }

    [Fact]
    public async Task When_one_of_two_silos_dies_its_partitions_move_and_every_event_arrives_at_least_once()
    {
        var topic = await broker.CreateTopicAsync("kprobe-failover", partitions: 8);
        var cluster = await StartClusterAsync(2, topic);
        var keys = Enumerable.Range(0, 20).Select(i => $"{_run}-failover-{i}").ToList();
        using var producer = OutsideProducer();

        for (var sequence = 0; sequence < 100; sequence++)
        {
            if (sequence == 50)
            {
                producer.Flush(TimeSpan.FromSeconds(30));
                await Eventually.AssertAsync(() => keys.Sum(k => KafkaProbeLog.Of(k).Count) >= 500, TimeSpan.FromSeconds(30), "the first half should be flowing");
                await cluster.KillSiloAsync(cluster.Silos[1]);
            }

            foreach (var key in keys)
            {
                producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = Json(sequence, "ok") });
            }
        }

        producer.Flush(TimeSpan.FromSeconds(30));
        await Eventually.AssertAsync(
            () => keys.All(k => KafkaProbeLog.Of(k).Distinct().Count() == 100), TimeSpan.FromSeconds(60), "every event should arrive at least once after the failover");
    }

    [Fact]
    public async Task Poison_events_go_to_the_dead_letter_topic_with_their_reason_and_later_events_still_arrive()
    {
        var topic = await broker.CreateTopicAsync("kprobe-poison", partitions: 1);
        await StartClusterAsync(1, topic, maxAttempts: 2);
        var key = $"{_run}-poison";

        using (var producer = OutsideProducer())
        {
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = "{not json"u8.ToArray() });
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = Json(1, "fail") });
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = Json(2, "reject") });
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = Json(3, "ok") });
        }

        await Eventually.AssertAsync(() => KafkaProbeLog.Of(key).Contains(3), TimeSpan.FromSeconds(30), "the event after the poison ones should arrive");
        var dead = ReadDeadLetters(topic + ".dlq", expected: 3);
        Assert.Equal(3, dead.Count);
        Assert.Contains("will never be processed", dead[2].Reason);
        Assert.Equal("1", dead[2].Attempts); // undeliverable: no retries
        Assert.Contains("Json", dead[0].Reason);
        Assert.Equal("{not json", dead[0].Value);
        Assert.Equal("0", dead[0].Offset);
        Assert.Contains("refused every time", dead[1].Reason);
        Assert.Equal("2", dead[1].Attempts);
        Assert.All(dead, d => Assert.Equal(topic, d.Topic));
    }

    [Fact]
    public async Task Explicit_subscriptions_survive_the_subscribers_deactivation()
    {
        var probeTopic = await broker.CreateTopicAsync("kprobe-unused", partitions: 1);
        var topicTopic = await broker.CreateTopicAsync("ktopic", partitions: 2);
        var cluster = await StartClusterAsync(1, probeTopic, topicTopic);
        var streamKey = $"{_run}-explicit";
        var subscriberKey = $"{_run}-subscriber";
        var subscriber = cluster.GrainFactory.GetGrain<IKafkaSubscriberGrain>(subscriberKey);
        await subscriber.Subscribe(streamKey);
        var stream = cluster.ServiceProvider.GetRequiredService<IStreamProviderResolver>().GetStreamProvider("kafka")
            .GetStream<KafkaProbeEvent>(StreamId.Create("ktopic", streamKey));

        await stream.OnNextAsync(new KafkaProbeEvent(1, "before"));
        await Eventually.AssertAsync(() => KafkaProbeLog.Of(subscriberKey).Contains(1), TimeSpan.FromSeconds(30), "the subscriber should get the first event");
        var before = cluster.Primary.ActivationCount;
        await subscriber.DeactivateSoon();
        await Eventually.AssertAsync(() => cluster.Primary.ActivationCount < before, TimeSpan.FromSeconds(10), "the subscriber should deactivate");
        await stream.OnNextAsync(new KafkaProbeEvent(2, "after"));

        await Eventually.AssertAsync(() => KafkaProbeLog.Of(subscriberKey).Contains(2), TimeSpan.FromSeconds(30), "the reactivated subscriber should get the second event");
    }

    [Fact]
    public async Task A_slow_subscriber_pauses_its_partition_instead_of_buffering_and_nothing_is_lost()
    {
        var topic = await broker.CreateTopicAsync("kprobe-slow", partitions: 1);
        var cluster = await StartClusterAsync(1, topic, maxQueued: 5);
        var key = $"{_run}-slow";

        using (var producer = OutsideProducer())
        {
            for (var i = 0; i < 100; i++)
            {
                producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = Json(i, "slow") });
            }

            producer.Flush(TimeSpan.FromSeconds(30));
        }

        await Eventually.AssertAsync(() => KafkaProbeLog.Of(key).Count >= 100, TimeSpan.FromSeconds(60), "every event should arrive");
        Assert.Equal(Enumerable.Range(0, 100), KafkaProbeLog.Of(key));
        var consumer = cluster.ServiceProvider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<MultiAgent.Runtime.Streams.Kafka.KafkaStreamConsumer>().Single();
        Assert.True(consumer.Pauses > 0, "a queue of 5 behind a 10 ms subscriber must have paused the partition");
    }

    [Fact]
    public async Task Events_that_queue_behind_a_busy_batch_observer_arrive_together_in_order_and_once()
    {
        var topic = await broker.CreateTopicAsync("kbatch-gather", partitions: 1);
        await StartClusterAsync(1, await broker.CreateTopicAsync("kprobe-unused", partitions: 1), batchTopic: topic);
        var key = $"{_run}-gather";

        using (var producer = OutsideProducer())
        {
            for (var i = 0; i < 300; i++)
            {
                producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = Json(i, "slow") });
            }

            producer.Flush(TimeSpan.FromSeconds(30));
        }

        await Eventually.AssertAsync(() => KafkaProbeLog.Of(key).Count >= 300, TimeSpan.FromSeconds(60), "every event should arrive");
        Assert.Equal(Enumerable.Range(0, 300), KafkaProbeLog.Of(key));
        var sizes = KafkaProbeLog.Of(KafkaBatchSinkGrain.BatchSizesOf(key));
        Assert.Equal(300, sizes.Sum());
        Assert.True(sizes.Max() > 1, $"events queued behind a 20 ms delivery should go together; batch sizes: {string.Join(',', sizes)}");
    }

    [Fact]
    public async Task A_refused_batch_is_redelivered_one_event_at_a_time_so_only_the_poison_event_is_dead_lettered()
    {
        var topic = await broker.CreateTopicAsync("kbatch-poison", partitions: 1);
        await StartClusterAsync(1, await broker.CreateTopicAsync("kprobe-unused", partitions: 1), batchTopic: topic);
        var key = $"{_run}-batch-poison";

        using (var producer = OutsideProducer())
        {
            // A slow first event holds the key while the rest queue, so the poison one shares a batch with good ones.
            producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = Json(0, "slow") });
            for (var i = 1; i < 20; i++)
            {
                producer.Produce(topic, new Message<string, byte[]> { Key = key, Value = Json(i, i == 10 ? "reject" : "ok") });
            }

            producer.Flush(TimeSpan.FromSeconds(30));
        }

        await Eventually.AssertAsync(() => KafkaProbeLog.Of(key).Contains(19), TimeSpan.FromSeconds(30), "the events after the poison one should arrive");
        Assert.Equal(Enumerable.Range(0, 20).Where(i => i != 10), KafkaProbeLog.Of(key)); // refused whole, so nothing was handled twice
        Assert.Contains(KafkaProbeLog.Of(KafkaBatchSinkGrain.RefusedOf(key)), size => size > 1); // the poison event did come in a batch
        var dead = ReadDeadLetters(topic + ".dlq", expected: 1);
        var letter = Assert.Single(dead);
        Assert.Contains("event 10 is invalid", letter.Reason);
        Assert.Equal("10", letter.Offset);
        Assert.Equal("1", letter.Attempts);
    }

    private List<DeadLetter> ReadDeadLetters(string topic, int expected)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            GroupId = $"dlq-reader-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = 5,
        }).Build();
        consumer.Subscribe(topic);
        var letters = new List<DeadLetter>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (letters.Count < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { IsPartitionEOF: false } result)
            {
                letters.Add(new DeadLetter(
                    Encoding.UTF8.GetString(result.Message.Value),
                    Header(result, "dlq-reason"), Header(result, "dlq-topic"), Header(result, "dlq-offset"), Header(result, "dlq-attempts")));
            }
        }

        return [.. letters.OrderBy(l => long.Parse(l.Offset, System.Globalization.CultureInfo.InvariantCulture))];

        static string Header(ConsumeResult<string, byte[]> r, string name) =>
            r.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : "";
    }

    private sealed record DeadLetter(string Value, string Reason, string Topic, string Offset, string Attempts);
}
