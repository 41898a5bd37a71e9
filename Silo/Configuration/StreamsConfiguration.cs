using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Streams.Kafka;

namespace MultiAgent.Silo.Configuration;

/// <summary>
/// Streams from configuration: with <c>MultiAgent:Kafka:BootstrapServers</c> set, a Kafka stream provider
/// named "kafka" (options under <c>MultiAgent:Streams:kafka</c>); always a memory provider named "memory".
/// </summary>
internal static class StreamsConfiguration
{
    public const string KafkaProvider = "kafka";
    public const string MemoryProvider = "memory";

    public static ISiloBuilder AddConfiguredStreams(this ISiloBuilder silo)
    {
        silo.AddMemoryStreams(MemoryProvider);
        if (!string.IsNullOrWhiteSpace(silo.Configuration[KafkaStreamOptions.SharedBootstrapKey])
            || !string.IsNullOrWhiteSpace(silo.Configuration[$"{KafkaStreamOptions.Section(KafkaProvider)}:BootstrapServers"]))
        {
            silo.AddKafkaStreams(KafkaProvider);
        }

        return silo;
    }
}
