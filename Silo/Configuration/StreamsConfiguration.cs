using MultiAgent.Runtime.Hosting;

namespace MultiAgent.Silo.Configuration;

/// <summary>
/// The memory stream provider named "memory". Kafka is the "fleet" provider (<see cref="FleetConfiguration"/>):
/// a silo runs one Kafka provider, because each Kafka consumer takes every namespace that has implicit
/// subscribers, and two would deliver every event twice.
/// </summary>
internal static class StreamsConfiguration
{
    public const string MemoryProvider = "memory";

    public static ISiloBuilder AddConfiguredStreams(this ISiloBuilder silo) => silo.AddMemoryStreams(MemoryProvider);
}
