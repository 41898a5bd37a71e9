using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using MultiAgent.Benchmarks.Reporting;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Testing;

namespace MultiAgent.Benchmarks.Streams;

/// <summary>
/// Kafka → grain through the Kafka stream provider: a silo consumes a topic and delivers each event as a
/// turn of its implicit subscriber grain (64 keys → 64 grains over 8 partitions). Throughput: N events
/// produced at once, first produce to last delivery. Latency: a fixed rate, send time to the grain's turn.
/// Compared with the raw librdkafka figures of the same run.
/// </summary>
internal sealed class KafkaGrainBenchmark : IStreamsBenchmark
{
    private const int Partitions = 8;
    private const int Keys = 64;
    private const int ThroughputEvents = 100_000;
    private const int WarmupEvents = 10_000;
    private const int LatencyRate = 5_000; // the raw benchmark's rate, so the two p50s compare
    private static readonly TimeSpan LatencyMeasure = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(90);

    public async Task RunAsync(StreamsBenchContext context, CancellationToken cancellationToken)
    {
        var topic = await context.CreateTopicAsync("grain", Partitions, cancellationToken);
        await using var cluster = new TestClusterBuilder()
            .AddSiloConfigurator(silo => silo.AddKafkaStreams("kafka", o =>
            {
                o.BootstrapServers = context.BootstrapServers;
                o.Topics[StreamBenchSinkGrain.Namespace] = topic;
                o.FetchWaitMaxMs = 1;
            }))
            .Build();
        await cluster.DeployAsync(cancellationToken);
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = context.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 0, // as the raw benchmark, so the added latency is the grain path's alone
        }).Build();

        await ProduceAndWaitAsync(producer, topic, WarmupEvents, cancellationToken);
        var watch = Stopwatch.StartNew();
        await ProduceAndWaitAsync(producer, topic, ThroughputEvents, cancellationToken);
        var rps = ThroughputEvents / watch.Elapsed.TotalSeconds;

        var latencies = new LatencyRecorder(LatencyRate * (int)LatencyMeasure.TotalSeconds + 1_000);
        StreamBenchSinkGrain.Latencies = latencies;
        await ProduceAtRateAsync(producer, topic, cancellationToken);
        StreamBenchSinkGrain.Latencies = null;
        var p50 = LatencyRecorder.Percentile([latencies], 50) / 1000;
        var p99 = LatencyRecorder.Percentile([latencies], 99) / 1000;

        context.Report.Add("streams.kafka_grain_rps", rps, "msg/s", $"Kafka → implicit subscriber grains, {ThroughputEvents:N0} events, {Keys} keys, {Partitions} partitions");
        context.Report.Add("streams.kafka_grain_p50_ms", p50, "ms", $"send → subscriber turn at {LatencyRate:N0} msg/s");
        context.Report.Add("streams.kafka_grain_p99_ms", p99, "ms", "same, p99");
        if (context.Raw is { } raw)
        {
            context.Report.Add("streams.kafka_grain_ratio", rps / raw.MessagesPerSecond, "ratio", "grain / raw throughput (target ≥ 0.5)");
            context.Report.Add("streams.added_p50_ms", p50 - raw.P50Ms, "ms", "grain p50 − raw p50 (target ≤ 5)");
        }
    }

    private static async Task ProduceAndWaitAsync(IProducer<string, byte[]> producer, string topic, int events, CancellationToken cancellationToken)
    {
        var target = StreamBenchSinkGrain.Delivered + events;
        for (var i = 0; i < events; i++)
        {
            Produce(producer, topic, i);
        }

        producer.Flush(cancellationToken);
        await WaitForAsync(target, cancellationToken);
    }

    private static async Task ProduceAtRateAsync(IProducer<string, byte[]> producer, string topic, CancellationToken cancellationToken)
    {
        var total = (int)(LatencyRate * LatencyMeasure.TotalSeconds);
        var target = StreamBenchSinkGrain.Delivered + total;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            // Pace by the clock, not by sleeping per message.
            var due = start + (long)(i * (double)Stopwatch.Frequency / LatencyRate);
            while (Stopwatch.GetTimestamp() < due)
            {
                await Task.Yield();
            }

            Produce(producer, topic, i);
        }

        producer.Flush(cancellationToken);
        await WaitForAsync(target, cancellationToken);
    }

    private static void Produce(IProducer<string, byte[]> producer, string topic, int i) =>
        producer.Produce(topic, new Message<string, byte[]>
        {
            Key = $"sink-{i % Keys}",
            Value = JsonSerializer.SerializeToUtf8Bytes(new BenchEvent(Stopwatch.GetTimestamp())),
        });

    private static async Task WaitForAsync(long delivered, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (StreamBenchSinkGrain.Delivered < delivered)
        {
            if (deadline.Elapsed > DeliveryTimeout)
            {
                throw new TimeoutException($"Only {StreamBenchSinkGrain.Delivered:N0} of {delivered:N0} events reached their grains within {DeliveryTimeout}.");
            }

            await Task.Delay(2, cancellationToken);
        }
    }
}
