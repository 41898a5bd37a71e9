using System.Buffers.Binary;
using System.Diagnostics;
using Confluent.Kafka;
using MultiAgent.Benchmarks.Reporting;
using MultiAgent.Runtime.Kafka;

namespace MultiAgent.Benchmarks.Streams;

/// <summary>
/// The ceiling for Kafka streams: plain Confluent.Kafka (librdkafka) producing and consuming on the embedded
/// broker, no grains. Throughput: N small messages produced (acks=all, idempotent) as fast as the producer
/// takes them while one group consumer reads them, first produce to last consume. Latency: messages at a
/// moderate fixed rate, each carrying its send timestamp, measured on arrival (fetch.wait.max.ms=1).
/// </summary>
internal sealed class KafkaRawBenchmark : IStreamsBenchmark
{
    private const int Partitions = 8;
    private const int Keys = 64;
    private const int ThroughputMessages = 200_000;
    private const int WarmupMessages = 20_000;
    private const int LatencyRate = 5_000;
    private static readonly TimeSpan LatencyWarmup = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LatencyMeasure = TimeSpan.FromSeconds(4);

    // A 64-byte value: the send timestamp, then padding standing in for a small JSON event.
    private const int PayloadBytes = 64;

    public async Task RunAsync(StreamsBenchContext context, CancellationToken cancellationToken)
    {
        await ThroughputAsync(context, WarmupMessages, cancellationToken);
        var rps = await ThroughputAsync(context, ThroughputMessages, cancellationToken);
        context.Report.Add("streams.kafka_raw_rps", rps, "msg/s", $"produce→consume, {ThroughputMessages:N0} × {PayloadBytes} B, {Partitions} partitions, acks=all idempotent, 1 consumer");

        var (p50, p99) = await LatencyAsync(context, cancellationToken);
        context.Report.Add("streams.kafka_raw_p50_ms", p50, "ms", $"produce→consume at {LatencyRate:N0} msg/s, fetch.wait.max.ms=1");
        context.Report.Add("streams.kafka_raw_p99_ms", p99, "ms", "same, p99");
        context.Raw = new KafkaRawFigures(rps, p50, p99);
    }

    private static async Task<double> ThroughputAsync(StreamsBenchContext context, int messages, CancellationToken cancellationToken)
    {
        var topic = await context.CreateTopicAsync("raw-throughput", Partitions, cancellationToken);
        await using var consumer = await CountingConsumer.StartAsync(context.BootstrapServers, topic, latency: null, cancellationToken);
        using var producer = BuildProducer(context.BootstrapServers);

        var payload = new byte[PayloadBytes];
        var failures = 0;
        Action<DeliveryReport<string, byte[]>> onDelivered = report =>
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref failures);
            }
        };

        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < messages; i++)
        {
            Produce(producer, topic, i, payload, onDelivered);
        }

        await consumer.WaitForAsync(messages, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start, consumer.ReachedAt).TotalSeconds;
        producer.Flush(cancellationToken);
        return failures == 0 ? messages / elapsed : throw new InvalidOperationException($"{failures} of {messages} messages were not delivered.");
    }

    private static async Task<(double P50Ms, double P99Ms)> LatencyAsync(StreamsBenchContext context, CancellationToken cancellationToken)
    {
        var topic = await context.CreateTopicAsync("raw-latency", Partitions, cancellationToken);
        var recorder = new LatencyRecorder((int)(LatencyRate * (LatencyWarmup + LatencyMeasure).TotalSeconds) + 1_000);
        var measureFrom = long.MaxValue;
        void OnArrival(long sentAt, long arrivedAt)
        {
            if (sentAt >= Volatile.Read(ref measureFrom))
            {
                recorder.Record(arrivedAt - sentAt);
            }
        }

        await using var consumer = await CountingConsumer.StartAsync(context.BootstrapServers, topic, OnArrival, cancellationToken);
        using var producer = BuildProducer(context.BootstrapServers);

        // Paced by the clock: every millisecond, send what is due so far (about 5 at 5 k/s), each stamped when sent.
        var payload = new byte[PayloadBytes];
        var start = Stopwatch.GetTimestamp();
        Volatile.Write(ref measureFrom, start + (long)(LatencyWarmup.TotalSeconds * Stopwatch.Frequency));
        var total = (int)(LatencyRate * (LatencyWarmup + LatencyMeasure).TotalSeconds);
        var sent = 0;
        while (sent < total)
        {
            var due = Math.Min(total, (int)(Stopwatch.GetElapsedTime(start).TotalSeconds * LatencyRate) + 1);
            for (; sent < due; sent++)
            {
                Produce(producer, topic, sent, payload, onDelivered: null);
            }

            await Task.Delay(1, cancellationToken);
        }

        await consumer.WaitForAsync(total, cancellationToken);
        producer.Flush(cancellationToken);
        return (LatencyRecorder.Percentile([recorder], 50) / 1000, LatencyRecorder.Percentile([recorder], 99) / 1000);
    }

    // The project's default producer settings (KafkaClientDefaults: acks=all, idempotent, linger 0).
    private static IProducer<string, byte[]> BuildProducer(string bootstrapServers) =>
        new ProducerBuilder<string, byte[]>(KafkaClientDefaults.Producer(bootstrapServers, "bench-raw-producer")).Build();

    private static void Produce(IProducer<string, byte[]> producer, string topic, int sequence, byte[] template, Action<DeliveryReport<string, byte[]>>? onDelivered)
    {
        var value = (byte[])template.Clone();
        BinaryPrimitives.WriteInt64LittleEndian(value, Stopwatch.GetTimestamp());
        var message = new Message<string, byte[]> { Key = KeyNames[sequence % Keys], Value = value };
        while (true)
        {
            try
            {
                producer.Produce(topic, message, onDelivered);
                return;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The producer's queue is full: let it drain (this is the throughput limit showing).
                producer.Poll(TimeSpan.FromMilliseconds(1));
            }
        }
    }

    private static readonly string[] KeyNames = Enumerable.Range(0, Keys).Select(k => $"wh-{k}").ToArray();
}
