using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Runtime.Activation;
using MultiAgent.Runtime.Messaging;
using MultiAgent.Runtime.Placement;

namespace MultiAgent.Runtime.Invocation;

/// <summary>
/// Sends each call where its grain lives: into a local activation, or to the owning silo. A call
/// rejected as misrouted (the grain moved during a membership change) is routed again after a short
/// back-off, within its deadline.
/// </summary>
internal sealed class GrainCallRouter(Catalog catalog, IGrainPlacement placement, IServiceProvider services)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(1);
    private readonly Lazy<IRemoteCallSender?> _remote = new(services.GetService<IRemoteCallSender>);

    public void Route(IOutgoingCall call)
    {
        call.Track();
        Membership.SiloAddress? owner;
        try
        {
            owner = placement.GetRemoteOwner(call.Target);
        }
        catch (SiloUnavailableException e)
        {
            call.Fail(e);
            return;
        }

        if (owner is null)
        {
            catalog.Dispatch(call, call.Target);
        }
        else if (_remote.Value is { } remote)
        {
            remote.Send(call, owner);
        }
        else
        {
            call.Fail(new InvalidOperationException($"Grain {call.Target} belongs to silo {owner}, but this process has no messaging configured."));
        }
    }

    /// <summary>Routes the call again later; false if it has no attempts or time left.</summary>
    public bool TryReroute(IOutgoingCall call)
    {
        if (!call.TryStartAttempt())
        {
            return false;
        }

        _ = RouteLaterAsync(call);
        return true;
    }

    private async Task RouteLaterAsync(IOutgoingCall call)
    {
        // Membership views converge within a refresh; retrying at once would only bounce.
        await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50 * (1 << Math.Min(call.CallAttempt, 5)), MaxBackoff.TotalMilliseconds)));
        Route(call);
    }
}
