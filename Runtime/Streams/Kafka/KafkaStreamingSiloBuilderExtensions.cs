using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Metadata;
using MultiAgent.Runtime.Streams;
using MultiAgent.Runtime.Streams.Kafka;

namespace MultiAgent.Runtime.Hosting;

public static class KafkaStreamingSiloBuilderExtensions
{
    /// <summary>
    /// A Kafka stream provider named <paramref name="name"/>: options from <c>MultiAgent:Streams:{name}</c>
    /// (BootstrapServers falls back to <c>MultiAgent:Kafka:BootstrapServers</c>), validated at start-up.
    /// This silo consumes the namespaces the provider claims (<c>Namespaces</c>, and implicitly subscribed ones
    /// mapped in <c>Topics</c>); the first Kafka provider added also consumes every implicitly subscribed
    /// namespace no provider claims (see <see cref="KafkaNamespaceClaims"/>).
    /// </summary>
    public static ISiloBuilder AddKafkaStreams(this ISiloBuilder builder, string name, Action<KafkaStreamOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.AddStreamingCore();
        var claims = builder.Services.FirstOrDefault(d => d.ServiceType == typeof(KafkaNamespaceClaims))?.ImplementationInstance as KafkaNamespaceClaims;
        if (claims is null)
        {
            claims = new KafkaNamespaceClaims();
            builder.Services.AddSingleton(claims);
        }

        claims.Add(name);
        var shared = builder.Configuration[KafkaStreamOptions.SharedBootstrapKey];
        var options = builder.Services.AddOptions<KafkaStreamOptions>(name)
            .Configure(o => o.BootstrapServers ??= shared)
            .Bind(builder.Configuration.GetSection(KafkaStreamOptions.Section(name)))
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.AddSingleton<IValidateOptions<KafkaStreamOptions>, KafkaStreamOptionsValidator>();
        builder.Services.AddKeyedSingleton(name, (sp, _) => new KafkaStreamProvider(
            name,
            sp.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>().Get(name),
            sp.GetRequiredService<StreamSubscriptions>(),
            sp.GetRequiredService<StreamPayloadSerializer>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<KafkaStreamProvider>()));
        builder.Services.AddSingleton<IStreamProvider>(sp => sp.GetRequiredKeyedService<KafkaStreamProvider>(name));
        builder.Services.AddSingleton<IHostedService>(sp =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<KafkaStreamOptions>>();
            var manifest = sp.GetRequiredService<GrainTypeManifest>();
            return new KafkaStreamConsumer(
                name,
                options.Get(name),
                claims.NamespacesOf(name, manifest.ImplicitNamespaces, options.Get),
                sp.GetRequiredService<IOptions<SiloOptions>>().Value.ClusterId,
                sp.GetRequiredService<StreamDeliverer>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<KafkaStreamConsumer>());
        });
        return builder;
    }
}
