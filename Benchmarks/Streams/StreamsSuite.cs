using System.Diagnostics;
using MultiAgent.Benchmarks.Reporting;
using MultiAgent.Runtime.Kafka;

namespace MultiAgent.Benchmarks.Streams;

/// <summary>
/// Streams on Kafka: one embedded broker in a child process (<c>Benchmarks -- kafka-dev</c>, librdkafka's mock
/// cluster, as tests and development use it), then each benchmark in turn against it.
/// </summary>
internal static class StreamsSuite
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    // Bounds the whole suite: every loop in it also stops by count, this is the backstop.
    private static readonly TimeSpan SuiteTimeout = TimeSpan.FromMinutes(5);

    /// <summary>In order: later benchmarks read earlier figures from the context (the raw ceiling first).</summary>
    private static IReadOnlyList<IStreamsBenchmark> Benchmarks() => [new KafkaRawBenchmark(), new KafkaGrainBenchmark()];

    public static async Task RunAsync(BenchReport report)
    {
        KafkaNative.EnsureLoaded();
        using var timeout = new CancellationTokenSource(SuiteTimeout);
        var watch = Stopwatch.StartNew();
        await using var broker = await KafkaDevBrokerProcess.StartAsync(
            typeof(StreamsSuite).Assembly.Location, [KafkaBrokerMode.Name], brokers: 1, topics: [], StartTimeout, timeout.Token);
        Console.WriteLine($"  (embedded Kafka broker, pid {broker.ProcessId}, at {broker.BootstrapServers} up in {watch.Elapsed.TotalSeconds:F1} s; librdkafka {Confluent.Kafka.Library.VersionString})");

        var context = new StreamsBenchContext(broker, report);
        foreach (var benchmark in Benchmarks())
        {
            await benchmark.RunAsync(context, timeout.Token);
        }
    }
}
