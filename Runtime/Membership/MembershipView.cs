namespace MultiAgent.Runtime.Membership;

/// <summary>
/// What a silo currently believes about the cluster: every row's status as of one table version.
/// Changes only when the table version does, so heartbeat times here may be a refresh old.
/// </summary>
public sealed class MembershipView
{
    public MembershipView(TableVersion version, IEnumerable<MembershipEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(entries);
        Version = version;

        // Sorted so every silo that reads the same version sees the same order (placement hashes over it).
        Entries = [.. entries.OrderBy(e => e.SiloAddress.ToString(), StringComparer.Ordinal)];
        ActiveSilos = [.. Entries.Where(e => e.Status == SiloStatus.Active)];
    }

    /// <summary>The view before the first read: no silos, version 0.</summary>
    public static MembershipView Empty { get; } = new(TableVersion.Empty, []);

    public TableVersion Version { get; }

    public IReadOnlyList<MembershipEntry> Entries { get; }

    /// <summary>Silos that may take grains, ordered by address.</summary>
    public IReadOnlyList<MembershipEntry> ActiveSilos { get; }

    /// <summary>The silo's status in this view; <see cref="SiloStatus.None"/> when it has no row.</summary>
    public SiloStatus StatusOf(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return Entries.FirstOrDefault(e => e.SiloAddress == silo)?.Status ?? SiloStatus.None;
    }

    public override string ToString() =>
        $"version {Version.Version}: {string.Join(", ", Entries.Select(e => $"{e.SiloAddress} {e.Status}"))}";
}
