using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MultiAgent.Runtime.Client;

public static class ClusterClientHostingExtensions
{
    /// <summary>
    /// A cluster client in this host, options bound from <c>MultiAgent:Client</c> and validated at
    /// start-up; it connects when the host starts. Resolve <see cref="IClusterClient"/> or <see cref="IGrainFactory"/>.
    /// </summary>
    public static IHostApplicationBuilder UseClusterClient(this IHostApplicationBuilder builder, Action<ClusterClientOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<ClusterClientOptions>().Bind(builder.Configuration.GetSection(ClusterClientOptions.SectionName)).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.AddSingleton<IValidateOptions<ClusterClientOptions>, ClusterClientOptionsValidator>();
        builder.Services.AddSingleton(sp => new ClusterClient(sp.GetRequiredService<IOptions<ClusterClientOptions>>().Value, sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton<IClusterClient>(sp => sp.GetRequiredService<ClusterClient>());
        builder.Services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ClusterClient>());
        builder.Services.AddHostedService<ClusterClientConnector>();
        return builder;
    }

    private sealed class ClusterClientConnector(ClusterClient client) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => client.ConnectAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => client.DisposeAsync().AsTask();
    }
}
