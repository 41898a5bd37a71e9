using System.Globalization;

namespace MultiAgent.Runtime.Membership;

/// <summary>
/// A membership table in this process, for a single silo or an in-process test cluster (share one
/// instance between the silos). Same conditional semantics and etag scheme as the Redis table: a row's
/// etag is the table version its last write created, so a removed and re-inserted row never reuses one.
/// </summary>
public sealed class InMemoryMembershipTable : IMembershipTable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SiloAddress, StoredRow> _rows = [];
    private int _version;

    public Task<MembershipTableSnapshot> ReadAllAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var rows = _rows.Values.Select(row => row.ToRow()).ToList();
            return Task.FromResult(new MembershipTableSnapshot(rows, CurrentVersion()));
        }
    }

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(expectedVersion);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!IsCurrent(expectedVersion) || _rows.ContainsKey(entry.SiloAddress))
            {
                return Task.FromResult(false);
            }

            _rows[entry.SiloAddress] = new StoredRow(entry, Bump(), Heartbeat: null);
            return Task.FromResult(true);
        }
    }

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string rowETag, TableVersion expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(rowETag);
        ArgumentNullException.ThrowIfNull(expectedVersion);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!IsCurrent(expectedVersion)
                || !_rows.TryGetValue(entry.SiloAddress, out var stored)
                || !string.Equals(stored.ETag, rowETag, StringComparison.Ordinal))
            {
                return Task.FromResult(false);
            }

            _rows[entry.SiloAddress] = stored with { Entry = entry, ETag = Bump() };
            return Task.FromResult(true);
        }
    }

    public Task<bool> UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(silo);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_rows.TryGetValue(silo, out var stored))
            {
                return Task.FromResult(false);
            }

            _rows[silo] = stored with { Heartbeat = time };
            return Task.FromResult(true);
        }
    }

    public Task<int> CleanupDefunctEntriesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var defunct = _rows.Values.Select(row => row.ToRow().Entry)
                .Where(entry => entry.Status == SiloStatus.Dead && entry.IAmAliveTime < olderThan)
                .Select(entry => entry.SiloAddress)
                .ToList();
            foreach (var silo in defunct)
            {
                _rows.Remove(silo);
            }

            if (defunct.Count > 0)
            {
                Bump();
            }

            return Task.FromResult(defunct.Count);
        }
    }

    public Task DeleteClusterAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _rows.Clear();
            _version = 0;
        }

        return Task.CompletedTask;
    }

    private TableVersion CurrentVersion() => new(_version, _version.ToString(CultureInfo.InvariantCulture));

    private bool IsCurrent(TableVersion expected) => string.Equals(expected.ETag, CurrentVersion().ETag, StringComparison.Ordinal);

    private string Bump() => (++_version).ToString(CultureInfo.InvariantCulture);

    /// <summary>The heartbeat is kept beside the entry, as in Redis, so it never changes the row's etag.</summary>
    private sealed record StoredRow(MembershipEntry Entry, string ETag, DateTimeOffset? Heartbeat)
    {
        public MembershipRow ToRow() =>
            Heartbeat is { } beat && beat > Entry.IAmAliveTime
                ? new MembershipRow(Entry with { IAmAliveTime = beat }, ETag)
                : new MembershipRow(Entry, ETag);
    }
}
