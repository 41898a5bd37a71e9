using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Activation;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Metadata;
using MultiAgent.Runtime.Placement;
using MultiAgent.Runtime.Storage;

namespace MultiAgent.Runtime.Hosting;

public static class SiloHostingExtensions
{
    /// <summary>
    /// Runs a silo in this host (as Orleans' <c>UseOrleans</c>): the grain runtime, its options bound
    /// from the <c>MultiAgent</c> configuration section and validated at start-up, and whatever
    /// <paramref name="configure"/> adds (storage, clustering, streams).
    /// </summary>
    public static IHostApplicationBuilder UseSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        var silo = new SiloBuilder(builder.Services, builder.Configuration);
        silo.AddSiloCore();
        configure?.Invoke(silo);
        return builder;
    }

    /// <summary>Registers grain code from <paramref name="assembly"/> (assemblies referenced by the entry assembly are found without this).</summary>
    public static ISiloBuilder AddGrainAssembly(this ISiloBuilder builder, Assembly assembly)
    {
        builder.Services.Configure<GrainAssemblyOptions>(o => o.Assemblies.Add(assembly));
        return builder;
    }

    public static ISiloBuilder Configure<TOptions>(this ISiloBuilder builder, Action<TOptions> configure) where TOptions : class
    {
        builder.Services.Configure(configure);
        return builder;
    }

    private static void AddSiloCore(this ISiloBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(Catalog)))
        {
            return;
        }

        BindOptions<SiloOptions, SiloOptionsValidator>(builder, ConfigurationKeys.Silo);
        BindOptions<MessagingOptions, MessagingOptionsValidator>(builder, ConfigurationKeys.Messaging);
        BindOptions<GrainCollectionOptions, GrainCollectionOptionsValidator>(builder, ConfigurationKeys.GrainCollection);

        services.AddGrainStorageCore();
        services.TryAddSingleton(sp => CreateManifest(sp.GetRequiredService<IOptions<GrainAssemblyOptions>>().Value));
        services.TryAddSingleton<PendingCallRegistry>();
        services.TryAddSingleton<IGrainPlacement, LocalPlacement>();
        services.TryAddSingleton<Catalog>();
        services.TryAddSingleton<GrainCallRouter>();
        services.TryAddSingleton<GrainCallRuntime>();
        services.TryAddSingleton<IGrainReferenceRuntime>(sp => sp.GetRequiredService<GrainCallRuntime>());
        services.TryAddSingleton<IGrainTypeResolver>(sp => new ManifestGrainTypeResolver(sp.GetRequiredService<GrainTypeManifest>()));
        services.TryAddSingleton<IGrainFactory>(sp => new GrainFactory(
            sp.GetRequiredService<GrainTypeManifest>(), sp.GetRequiredService<IGrainTypeResolver>(), sp.GetRequiredService<IGrainReferenceRuntime>()));
        services.TryAddSingleton<ISiloStatus, SiloStatusReporter>();
        services.AddHostedService<SiloLifecycleService>();
        services.AddHostedService<ActivationCollector>();
    }

    private static void BindOptions<TOptions, TValidator>(ISiloBuilder builder, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        builder.Services.AddOptions<TOptions>().Bind(builder.Configuration.GetSection(section)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }

    private static GrainTypeManifest CreateManifest(GrainAssemblyOptions options)
    {
        var manifest = new GrainTypeManifest();
        foreach (var assembly in GrainAssemblyDiscovery.Discover().Concat(options.Assemblies))
        {
            manifest.AddAssembly(assembly);
        }

        return manifest;
    }
}
