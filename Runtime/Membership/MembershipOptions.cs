namespace MultiAgent.Runtime.Membership;

/// <summary>
/// Timing of heartbeats and failure detection. Section <c>MultiAgent:Membership</c>.
/// With the defaults a silo killed without warning is declared dead at most
/// DeathTimeout + HeartbeatInterval + TableRefreshInterval (7 s) after its last heartbeat's due time,
/// which leaves room in the 10 s budget for its grains to be placed and activated elsewhere.
/// </summary>
public sealed class MembershipOptions
{
    public const string SectionName = "MultiAgent:Membership";

    /// <summary>How often a silo writes its IAmAlive time.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo whose last heartbeat is older than this is declared dead by the others.</summary>
    public TimeSpan DeathTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a silo reads the whole table: to spot dead silos, its own death and membership changes.</summary>
    public TimeSpan TableRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a starting silo keeps trying to reach the table to join before it gives up (as Orleans' MaxJoinAttemptTime).</summary>
    public TimeSpan MaxJoinAttemptTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Rows of dead silos whose last heartbeat is older than this are removed from the table.</summary>
    public TimeSpan DefunctSiloRetention { get; set; } = TimeSpan.FromHours(1);
}
