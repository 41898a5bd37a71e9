using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Membership;
using MultiAgent.Runtime.Messaging;
using MultiAgent.Runtime.Placement;

namespace MultiAgent.Benchmarks.Cluster;

/// <summary>
/// One silo of the benchmark cluster, hosted exactly as in production (a generic host with <c>UseSilo</c> and
/// <c>UseRedisClustering</c>): both the driver process and the <c>silo-host</c> child build theirs here, so the two
/// differ only in what they run. Free loopback ports, and membership timings fast enough that the two see each other
/// within a second.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private BenchSilo(IHost host) => _host = host;

    /// <param name="stopOnSignals">
    /// True for the child: Ctrl+C or SIGTERM stops its silo gracefully. False for the driver, where the silo is a part
    /// of the benchmark: a signal must end the process (whose exit handlers take the child and redis-server down),
    /// not quietly stop one silo while the measurements run on.
    /// </param>
    public static BenchSilo Create(string siloName, string clusterId, string redisConnectionString, bool stopOnSignals)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ConfigurationKeys.Silo}:ClusterId"] = clusterId,
            [$"{ConfigurationKeys.Silo}:SiloName"] = siloName,
            [$"{EndpointOptions.SectionName}:SiloPort"] = "0",
            [$"{EndpointOptions.SectionName}:GatewayPort"] = "0",
            [$"{MembershipOptions.SectionName}:ConnectionString"] = redisConnectionString,
            [$"{MembershipOptions.SectionName}:HeartbeatInterval"] = "00:00:00.200",
            [$"{MembershipOptions.SectionName}:TableRefreshInterval"] = "00:00:00.200",
            [$"{MembershipOptions.SectionName}:DeathTimeout"] = "00:00:02",
        });

        // Warnings and worse only, on stderr: stdout carries the figures (driver) or the ready protocol (child).
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.UseSilo(silo => silo.UseRedisClustering());
        if (!stopOnSignals)
        {
            builder.Services.AddSingleton<IHostLifetime, SignalsUntouchedLifetime>();
        }

        return new BenchSilo(builder.Build());
    }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory GrainFactory => Services.GetRequiredService<IGrainFactory>();

    public SiloAddress Address => Services.GetRequiredService<LocalSiloDetails>().SiloAddress;

    public int GatewayPort => Services.GetRequiredService<LocalSiloDetails>().GatewayPort;

    public HashRingPlacement Placement => Services.GetRequiredService<HashRingPlacement>();

    /// <summary>Silos on this silo's placement ring: the active silos of its current membership view.</summary>
    public int ActiveSilos => Placement.Silos.Count;

    /// <summary>Triggered when the host stops by itself, e.g. after finding itself declared dead.</summary>
    public CancellationToken Stopping => Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

    public Task StartAsync(CancellationToken cancellationToken) => _host.StartAsync(cancellationToken);

    /// <summary>Graceful stop (deactivate, leave the membership table), bounded by <paramref name="timeout"/>.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _host.StopAsync(cancel.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync(TimeSpan.FromSeconds(5)));
}

/// <summary>A host lifetime that leaves the process's signal handling alone (the console lifetime would swallow SIGTERM).</summary>
internal sealed class SignalsUntouchedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
