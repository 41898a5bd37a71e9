using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Activation;
using MultiAgent.Runtime.Metadata;

namespace MultiAgent.Runtime.Hosting;

/// <summary>Starts the silo and, on shutdown, deactivates every grain so each persists what it must.</summary>
internal sealed partial class SiloLifecycleService(
    Catalog catalog,
    GrainTypeManifest manifest,
    IOptions<SiloOptions> options,
    ILogger<SiloLifecycleService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var silo = options.Value;
        LogStarted(silo.SiloName, silo.ClusterId, manifest.GrainClasses.Count, manifest.GrainInterfaces.Count);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var count = catalog.Count;
        await catalog.DeactivateAllAsync(new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is shutting down."), cancellationToken);
        LogStopped(options.Value.SiloName, count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloName} started in cluster {ClusterId} with {GrainClasses} grain classes and {GrainInterfaces} grain interfaces")]
    private partial void LogStarted(string siloName, string clusterId, int grainClasses, int grainInterfaces);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloName} stopped after deactivating {Count} activations")]
    private partial void LogStopped(string siloName, int count);
}
