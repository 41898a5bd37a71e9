using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MultiAgent.Runtime.Storage;
using MultiAgent.Runtime.Streams;
using MultiAgent.Runtime.Streams.PubSub;

namespace MultiAgent.Runtime.Hosting;

public static class StreamingSiloBuilderExtensions
{
    /// <summary>An in-cluster stream provider named <paramref name="name"/> (tests, single process).</summary>
    public static ISiloBuilder AddMemoryStreams(this ISiloBuilder builder, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.AddStreamingCore();
        builder.Services.AddSingleton<IStreamProvider>(sp => new MemoryStreamProvider(
            name, sp.GetRequiredService<StreamDeliverer>(), sp.GetRequiredService<StreamSubscriptions>(), sp.GetRequiredService<StreamPayloadSerializer>()));
        return builder;
    }

    /// <summary>What every stream provider needs; explicit subscriptions default to memory storage unless "PubSubStore" is configured.</summary>
    internal static ISiloBuilder AddStreamingCore(this ISiloBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(sp => new StreamPayloadSerializer(sp.GetRequiredService<Metadata.GrainTypeManifest>(), sp));
        services.TryAddSingleton<StreamDeliverer>();
        services.TryAddSingleton<StreamSubscriptions>();
        services.TryAddSingleton<IStreamProviderResolver, StreamProviderResolver>();
        if (!services.Any(d => d.IsKeyedService && Equals(d.ServiceKey, PubSubRendezvousGrain.StorageName) && d.ServiceType == typeof(IGrainStorage)))
        {
            builder.AddMemoryGrainStorage(PubSubRendezvousGrain.StorageName);
        }

        return builder;
    }
}
