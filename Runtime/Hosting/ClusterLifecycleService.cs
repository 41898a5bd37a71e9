using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MultiAgent.Runtime.Activation;
using MultiAgent.Runtime.Membership;
using MultiAgent.Runtime.Messaging;
using MultiAgent.Runtime.Placement;

namespace MultiAgent.Runtime.Hosting;

/// <summary>
/// A clustered silo's start and stop. Start: listeners bound, join the membership table, become
/// active. Stop: deactivate every grain (each persists; calls meanwhile are refused as retryable),
/// then announce shutting down and leave the table (others take over the grains), close connections.
/// A silo that finds itself declared dead stops at once without running grain code: its grains
/// already live elsewhere.
/// </summary>
internal sealed partial class ClusterLifecycleService(
    SiloEndpoints endpoints,
    MembershipService membership,
    HashRingPlacement placement,
    Catalog catalog,
    MessageCenter messageCenter,
    IHostApplicationLifetime lifetime,
    ILogger<ClusterLifecycleService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        membership.SelfDeclaredDead += OnSelfDeclaredDead;
        membership.ViewChanged += OnViewChanged;
        placement.RingChanged += OnRingChanged;
        await membership.StartAsync(cancellationToken);
        LogJoined(endpoints.Details.SiloAddress, endpoints.Details.GatewayPort, placement.Silos.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        placement.RingChanged -= OnRingChanged;
        membership.ViewChanged -= OnViewChanged;
        if (!membership.IsDeclaredDead)
        {
            // Grains first, while this silo still owns them: were others told first, they could activate a
            // grain and load its state before this activation has saved it.
            await catalog.DeactivateAllAsync(new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is shutting down."), cancellationToken);
            await membership.BeginShutdownAsync(cancellationToken);
            await membership.StopAsync(cancellationToken);
        }

        await endpoints.StopAsync(cancellationToken);
        await messageCenter.DisposeAsync();
    }

    private void OnRingChanged()
    {
        var moved = catalog.DeactivateMisplaced();
        LogRingChanged(placement.Silos.Count, moved);
    }

    private void OnViewChanged(object? sender, MembershipView view) => messageCenter.OnMembershipChanged(view);

    private void OnSelfDeclaredDead(object? sender, SelfDeclaredDeadEventArgs e)
    {
        LogDeclaredDead(endpoints.Details.SiloAddress);
        catalog.Abandon();
        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloAddress} joined the cluster (gateway port {GatewayPort}); {Silos} active silos")]
    private partial void LogJoined(SiloAddress siloAddress, int gatewayPort, int silos);

    [LoggerMessage(Level = LogLevel.Information, Message = "Placement ring now has {Silos} silos; {Moved} activations are moving to their new owners")]
    private partial void LogRingChanged(int silos, int moved);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Silo {SiloAddress} was declared dead by the cluster; stopping at once")]
    private partial void LogDeclaredDead(SiloAddress siloAddress);
}
