using Microsoft.Extensions.Configuration;
using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Streams.Kafka;

namespace MultiAgent.Silo.Configuration;

/// <summary>
/// The providers the fleet grains expect (<see cref="FleetStreams"/>): a stream provider named "fleet" —
/// Kafka when <c>MultiAgent:Kafka:BootstrapServers</c> is set (namespace <c>orders</c> ↔ topic <c>orders</c>,
/// <c>task-completions</c> ↔ topic <c>task-completions</c>; further options under <c>MultiAgent:Streams:fleet</c>),
/// else memory — and a grain storage named "fleet" of the default storage's kind (Redis with the default's
/// connection settings, overridable under <c>MultiAgent:Storage:fleet</c>; else memory).
/// </summary>
internal static class FleetConfiguration
{
    public static ISiloBuilder AddConfiguredFleet(this ISiloBuilder silo)
    {
        if (!string.IsNullOrWhiteSpace(silo.Configuration[KafkaStreamOptions.SharedBootstrapKey]))
        {
            silo.AddKafkaStreams(FleetStreams.ProviderName, o =>
            {
                o.Topics.TryAdd(FleetTopics.Orders, FleetTopics.Orders);
                o.Topics.TryAdd(FleetTopics.TaskCompletions, FleetTopics.TaskCompletions);
            });
        }
        else
        {
            silo.AddMemoryStreams(FleetStreams.ProviderName);
        }

        var defaultSection = ConfigurationKeys.Storage(Runtime.Storage.GrainStorageNames.Default);
        var provider = silo.Configuration[$"{defaultSection}:{StorageConfiguration.ProviderKey}"] ?? "Memory";
        if (string.Equals(provider, "redis", StringComparison.OrdinalIgnoreCase))
        {
            var configuration = silo.Configuration;
            silo.AddRedisGrainStorage(FleetStreams.StorageName, o =>
            {
                // The default storage's settings, then anything given for "fleet" itself.
                configuration.GetSection(defaultSection).Bind(o);
                configuration.GetSection(ConfigurationKeys.Storage(FleetStreams.StorageName)).Bind(o);
            });
        }
        else
        {
            // An unknown kind is reported by StorageConfiguration for the default storage.
            silo.AddMemoryGrainStorage(FleetStreams.StorageName);
        }

        return silo;
    }
}
