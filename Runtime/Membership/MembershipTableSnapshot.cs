namespace MultiAgent.Runtime.Membership;

/// <summary>One row as read, with the etag a conditional update of it must present.</summary>
public sealed record MembershipRow(MembershipEntry Entry, string ETag);

/// <summary>The whole table as read at one moment: rows and the table version, read atomically together.</summary>
public sealed record MembershipTableSnapshot(IReadOnlyList<MembershipRow> Rows, TableVersion Version)
{
    public static MembershipTableSnapshot Empty { get; } = new([], TableVersion.Empty);

    public IEnumerable<MembershipEntry> Entries => Rows.Select(row => row.Entry);

    public MembershipRow? Find(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return Rows.FirstOrDefault(row => row.Entry.SiloAddress == silo);
    }
}
