using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Redis;
using MultiAgent.Runtime.Storage;

namespace MultiAgent.Runtime.Hosting;

/// <summary>Adds named grain storage providers; a [PersistentState] parameter picks one by name ("Default" when unnamed).</summary>
public static class StorageSiloBuilderExtensions
{
    /// <summary>In-process storage: state lives as long as the silo. For tests and single-process development.</summary>
    public static ISiloBuilder AddMemoryGrainStorage(this ISiloBuilder builder, string name = GrainStorageNames.Default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        AddProvider(builder.Services, name, sp => new MemoryGrainStorage(name, sp.GetRequiredService<IGrainStateSerializer>()));
        return builder;
    }

    public static ISiloBuilder AddMemoryGrainStorageAsDefault(this ISiloBuilder builder) =>
        builder.AddMemoryGrainStorage(GrainStorageNames.Default);

    /// <summary>
    /// Redis storage. Options bind from <c>MultiAgent:Storage:{name}</c>, then <paramref name="configure"/>
    /// runs; they are validated when the host starts.
    /// </summary>
    public static ISiloBuilder AddRedisGrainStorage(this ISiloBuilder builder, string name, Action<RedisGrainStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var services = builder.Services;
        var options = services.AddOptions<RedisGrainStorageOptions>(name)
            .Bind(builder.Configuration.GetSection(ConfigurationKeys.Storage(name)))
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // Keyed descriptors throw on ImplementationInstance, hence the IsKeyedService check first.
        if (!services.Any(d => !d.IsKeyedService && d.ImplementationInstance is RedisGrainStorageOptionsValidator v && v.StorageName == name))
        {
            services.AddSingleton<IValidateOptions<RedisGrainStorageOptions>>(new RedisGrainStorageOptionsValidator(name));
        }

        services.TryAddSingleton<RedisConnectionFactory>();
        AddProvider(services, name, sp => new RedisGrainStorage(
            name,
            sp.GetRequiredService<IOptionsMonitor<RedisGrainStorageOptions>>().Get(name),
            sp.GetRequiredService<RedisConnectionFactory>(),
            sp.GetRequiredService<IGrainStateSerializer>()));
        return builder;
    }

    public static ISiloBuilder AddRedisGrainStorageAsDefault(this ISiloBuilder builder, Action<RedisGrainStorageOptions>? configure = null) =>
        builder.AddRedisGrainStorage(GrainStorageNames.Default, configure);

    private static void AddProvider(IServiceCollection services, string name, Func<IServiceProvider, IGrainStorage> create)
    {
        services.AddGrainStorageCore();

        // The last provider added under a name wins, so a test can swap Redis for memory by adding after.
        services.RemoveAllKeyed<IGrainStorage>(name);
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => create(sp));
    }
}
