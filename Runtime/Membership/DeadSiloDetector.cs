namespace MultiAgent.Runtime.Membership;

/// <summary>A row the oracle must declare dead, and why (for the log).</summary>
internal sealed record DeathVerdict(MembershipRow Row, string Reason);

/// <summary>
/// The oracle's rules, kept pure (a snapshot and a time in, verdicts out) so they can be tested without clocks.
/// A silo other than this one that should be heartbeating (Joining, Active, ShuttingDown) is dead when
/// its last heartbeat is older than the death timeout, or at once when a newer generation has a row on
/// its endpoint: only one process can hold the port, so the older one is gone.
/// </summary>
internal static class DeadSiloDetector
{
    /// <param name="judgeHeartbeats">False right after this silo was stalled: then others' stale heartbeats may be its own stall.</param>
    public static IReadOnlyList<DeathVerdict> Find(
        MembershipTableSnapshot snapshot, SiloAddress self, DateTimeOffset now, TimeSpan deathTimeout, bool judgeHeartbeats)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(self);
        var verdicts = new List<DeathVerdict>();
        foreach (var row in snapshot.Rows.OrderBy(r => r.Entry.IAmAliveTime))
        {
            var entry = row.Entry;
            if (entry.SiloAddress == self || !entry.Status.IsAlive())
            {
                continue;
            }

            if (SupersededBy(entry, snapshot) is { } successor)
            {
                verdicts.Add(new DeathVerdict(row, $"superseded by {successor} on the same endpoint"));
            }
            else if (judgeHeartbeats && now - entry.IAmAliveTime > deathTimeout)
            {
                verdicts.Add(new DeathVerdict(row, $"no heartbeat for {(now - entry.IAmAliveTime).TotalSeconds:0.###} s (death timeout {deathTimeout.TotalSeconds:0.###} s)"));
            }
        }

        return verdicts;
    }

    private static SiloAddress? SupersededBy(MembershipEntry entry, MembershipTableSnapshot snapshot) =>
        snapshot.Entries
            .Select(other => other.SiloAddress)
            .Where(other => other.IsSameEndpoint(entry.SiloAddress) && other.Generation > entry.SiloAddress.Generation)
            .MaxBy(other => other.Generation);
}
