namespace MultiAgent.Runtime.Membership;

/// <summary>One silo's row of the membership table. Immutable; change it with <c>with</c> and a conditional update.</summary>
public sealed record MembershipEntry
{
    private readonly IReadOnlyList<SuspectTime> _suspectTimes = [];

    public required SiloAddress SiloAddress { get; init; }

    /// <summary>Human-readable name (configuration <c>MultiAgent:Silo:SiloName</c>), for logs and dashboards.</summary>
    public required string SiloName { get; init; }

    public required SiloStatus Status { get; init; }

    /// <summary>Port of the client gateway on <see cref="SiloAddress"/>'s host; 0 when the silo takes no clients.</summary>
    public int GatewayPort { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    /// <summary>Last heartbeat (UTC). Others declare the silo dead when this is older than the death timeout.</summary>
    public required DateTimeOffset IAmAliveTime { get; init; }

    /// <summary>Who suspected or declared this silo dead, and when. Copied, so a caller's list cannot change a row.</summary>
    public IReadOnlyList<SuspectTime> SuspectTimes
    {
        get => _suspectTimes;
        init => _suspectTimes = [.. value ?? []];
    }

    /// <summary><c>host:gatewayPort</c> for clients, or null when the silo has no gateway.</summary>
    public string? GatewayEndpoint => GatewayPort == 0 ? null : SiloAddress.FormatEndpoint(SiloAddress.Host, GatewayPort);

    public bool Equals(MembershipEntry? other) =>
        other is not null
        && SiloAddress == other.SiloAddress
        && string.Equals(SiloName, other.SiloName, StringComparison.Ordinal)
        && Status == other.Status
        && GatewayPort == other.GatewayPort
        && StartTime == other.StartTime
        && IAmAliveTime == other.IAmAliveTime
        && SuspectTimes.SequenceEqual(other.SuspectTimes);

    public override int GetHashCode() => HashCode.Combine(SiloAddress, Status, IAmAliveTime);
}
