namespace MultiAgent.Runtime.Membership;

/// <summary>
/// The cluster's membership table: one row per silo incarnation plus a table version. Every change of
/// a row is conditional on the table version the writer read (and, for an update, on the row's etag),
/// and bumps the version, so of several silos acting on the same reading exactly one wins; the others
/// get false, re-read and decide again. Heartbeats are the exception: cheap, unconditional, no bump.
/// </summary>
public interface IMembershipTable
{
    /// <summary>All rows and the table version, read atomically together.</summary>
    Task<MembershipTableSnapshot> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds a row for a silo not yet in the table. False, changing nothing, when the table version is no
    /// longer <paramref name="expectedVersion"/> or the silo already has a row.
    /// </summary>
    Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the silo's row. False, changing nothing, unless the row still has <paramref name="rowETag"/>
    /// and the table still has <paramref name="expectedVersion"/>. The stored last heartbeat never moves back.
    /// </summary>
    Task<bool> UpdateRowAsync(MembershipEntry entry, string rowETag, TableVersion expectedVersion, CancellationToken cancellationToken);

    /// <summary>Records a heartbeat. Changes neither the table version nor the row's etag. False when the silo has no row.</summary>
    Task<bool> UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>Removes the rows of Dead silos whose last heartbeat is before <paramref name="olderThan"/>; returns how many.</summary>
    Task<int> CleanupDefunctEntriesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);

    /// <summary>Removes the whole table of this cluster. For tests and for tearing a cluster down.</summary>
    Task DeleteClusterAsync(CancellationToken cancellationToken);
}
