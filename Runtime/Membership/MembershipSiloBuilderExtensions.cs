using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Membership;
using MultiAgent.Runtime.Redis;

namespace MultiAgent.Runtime.Hosting;

/// <summary>
/// Registers a membership table and the options of <see cref="MembershipService"/>, bound from
/// <c>MultiAgent:Membership</c> and validated when the host starts. The service itself is not added here:
/// the silo host creates it once it knows its own address.
/// </summary>
public static class MembershipSiloBuilderExtensions
{
    /// <summary>A table in this process. Pass one <paramref name="shared"/> instance to every silo of an in-process cluster.</summary>
    public static ISiloBuilder AddInMemoryMembership(this ISiloBuilder builder, InMemoryMembershipTable? shared = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddMembershipOptions(builder);
        var table = shared ?? new InMemoryMembershipTable();
        builder.Services.RemoveAll<IMembershipTable>();
        builder.Services.AddSingleton<IMembershipTable>(table);
        return builder;
    }

    /// <summary>
    /// The table in Redis. <see cref="RedisMembershipOptions"/> bind from <c>MultiAgent:Membership</c>, the
    /// cluster id defaults to <c>MultiAgent:Silo:ClusterId</c>, then <paramref name="configure"/> runs.
    /// </summary>
    public static ISiloBuilder AddRedisMembership(this ISiloBuilder builder, Action<RedisMembershipOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddMembershipOptions(builder);
        var services = builder.Services;
        var options = services.AddOptions<RedisMembershipOptions>()
            .Bind(builder.Configuration.GetSection(MembershipOptions.SectionName))
            .PostConfigure<IOptions<SiloOptions>>((o, silo) =>
            {
                if (string.IsNullOrWhiteSpace(o.ClusterId))
                {
                    o.ClusterId = silo.Value.ClusterId;
                }
            })
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisMembershipOptions>, RedisMembershipOptionsValidator>());
        services.TryAddSingleton<RedisConnectionFactory>();
        services.RemoveAll<IMembershipTable>();
        services.AddSingleton<IMembershipTable>(sp => new RedisMembershipTable(
            sp.GetRequiredService<IOptions<RedisMembershipOptions>>().Value,
            sp.GetRequiredService<RedisConnectionFactory>(),
            sp.GetRequiredService<ILogger<RedisMembershipTable>>()));
        return builder;
    }

    private static void AddMembershipOptions(ISiloBuilder builder)
    {
        builder.Services.AddOptions<MembershipOptions>().Bind(builder.Configuration.GetSection(MembershipOptions.SectionName)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MembershipOptions>, MembershipOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
    }
}
