using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Membership;
using MultiAgent.Runtime.Messaging;
using MultiAgent.Runtime.Messaging.Transport;
using MultiAgent.Runtime.Placement;

namespace MultiAgent.Runtime.Hosting;

public static class ClusteringSiloBuilderExtensions
{
    /// <summary>Joins a cluster whose membership table is in Redis (<c>MultiAgent:Membership:ConnectionString</c>).</summary>
    public static ISiloBuilder UseRedisClustering(this ISiloBuilder builder, Action<RedisMembershipOptions>? configure = null)
    {
        builder.AddRedisMembership(configure);
        return builder.AddClusterMessaging();
    }

    /// <summary>Joins a cluster of silos in this process sharing <paramref name="table"/> (tests, single-process runs).</summary>
    public static ISiloBuilder UseInMemoryClustering(this ISiloBuilder builder, InMemoryMembershipTable? table = null)
    {
        builder.AddInMemoryMembership(table);
        return builder.AddClusterMessaging();
    }

    private static ISiloBuilder AddClusterMessaging(this ISiloBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(MessageCenter)))
        {
            return builder;
        }

        services.AddOptions<EndpointOptions>().Bind(builder.Configuration.GetSection(EndpointOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EndpointOptions>, EndpointOptionsValidator>());
        services.AddOptions<TransportOptions>().Bind(builder.Configuration.GetSection(TransportOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<MessageCenter>();
        services.AddSingleton<IRemoteCallSender>(sp => sp.GetRequiredService<MessageCenter>());
        services.AddSingleton<SiloEndpoints>();
        services.AddSingleton(sp => sp.GetRequiredService<SiloEndpoints>().Details);
        services.AddSingleton<MembershipService>();
        services.AddSingleton<HashRingPlacement>();
        services.RemoveAll<IGrainPlacement>();
        services.AddSingleton<IGrainPlacement>(sp => sp.GetRequiredService<HashRingPlacement>());
        services.AddHostedService<ClusterLifecycleService>();
        return builder;
    }
}
