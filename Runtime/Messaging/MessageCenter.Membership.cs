using System.Collections.Concurrent;
using MultiAgent.Runtime.Membership;

namespace MultiAgent.Runtime.Messaging;

/// <summary>Keeps the outbound connections in step with membership.</summary>
internal sealed partial class MessageCenter
{
    private readonly ConcurrentDictionary<SiloAddress, byte> _closedSilos = new();

    /// <summary>
    /// Drops the connections to silos that are dead (declared, or left), so a call waiting to connect to one fails
    /// over to the grain's new owner at once instead of retrying a dead endpoint until the connect timeout. An
    /// endpoint that a live silo uses (a newer incarnation on the same port) is kept.
    /// </summary>
    public void OnMembershipChanged(MembershipView view)
    {
        var live = view.Entries.Where(e => e.Status.IsAlive()).Select(e => e.SiloAddress.Endpoint).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in view.Entries)
        {
            var silo = entry.SiloAddress;
            if (entry.Status == SiloStatus.Dead && !live.Contains(silo.Endpoint) && _closedSilos.TryAdd(silo, 0))
            {
                // Off the membership thread: closing fails the waiting calls, whose continuations reroute them.
                _ = Task.Run(() => _silos.CloseEndpointAsync(Endpoint(silo), $"silo {silo} is dead"));
            }
        }
    }
}
