using MultiAgent.Benchmarks.Reporting;
using MultiAgent.Runtime.Kafka;

namespace MultiAgent.Benchmarks.Streams;

/// <summary>What the streams benchmarks share in one run: the broker, the report, and the figures measured so far.</summary>
internal sealed class StreamsBenchContext(KafkaDevBrokerProcess broker, BenchReport report)
{
    private int _topics;

    public BenchReport Report { get; } = report;

    public string BootstrapServers => broker.BootstrapServers;

    /// <summary>The raw librdkafka ceiling, once <see cref="KafkaRawBenchmark"/> ran: later benchmarks compare against it.</summary>
    public KafkaRawFigures? Raw { get; set; }

    /// <summary>A fresh topic with exactly <paramref name="partitions"/> partitions, so no benchmark reads another's data.</summary>
    public async Task<string> CreateTopicAsync(string prefix, int partitions, CancellationToken cancellationToken)
    {
        var name = $"bench.{prefix}.{Interlocked.Increment(ref _topics)}";
        await broker.CreateTopicAsync(name, partitions, cancellationToken);
        return name;
    }
}

/// <summary>Raw produce→consume figures on the embedded broker.</summary>
internal sealed record KafkaRawFigures(double MessagesPerSecond, double P50Ms, double P99Ms);
