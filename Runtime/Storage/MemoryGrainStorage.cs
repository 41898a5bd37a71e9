using System.Globalization;

namespace MultiAgent.Runtime.Storage;

/// <summary>
/// In-process grain storage with the same observable behaviour as the Redis provider: it keeps
/// serialized bytes (a grain mutating its state after a write does not change what is stored)
/// and a version per record; write and clear are conditional on that version.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<(string StateName, GrainId GrainId), StoredRecord> _records = [];

    // One lock for all records: the critical sections are a lookup and a swap, never I/O or serialization.
    private readonly Lock _gate = new();

    private readonly string _name;
    private readonly IGrainStateSerializer _serializer;

    public MemoryGrainStorage(string name, IGrainStateSerializer serializer)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(serializer);
        _name = name;
        _serializer = serializer;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        cancellationToken.ThrowIfCancellationRequested();
        StoredRecord? record;
        lock (_gate)
        {
            _records.TryGetValue((stateName, grainId), out record);
        }

        try
        {
            var state = record?.Data is { } data ? _serializer.Deserialize<T>(data) : NewState.Create<T>(stateName);
            grainState.State = state;
            grainState.ETag = record?.ETag;
            grainState.RecordExists = record?.Data is not null;
        }
        catch (Exception ex) when (GrainStorageErrors.ShouldWrap(ex))
        {
            throw GrainStorageErrors.ReadFailed(_name, stateName, grainId, ex);
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        cancellationToken.ThrowIfCancellationRequested();
        byte[] data;
        try
        {
            data = _serializer.Serialize(grainState.State);
        }
        catch (Exception ex) when (GrainStorageErrors.ShouldWrap(ex))
        {
            throw GrainStorageErrors.WriteFailed(_name, stateName, grainId, ex);
        }

        var written = Swap("write", stateName, grainId, grainState.ETag, data);
        grainState.ETag = written.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        cancellationToken.ThrowIfCancellationRequested();
        T fresh;
        try
        {
            fresh = NewState.Create<T>(stateName);
        }
        catch (Exception ex) when (GrainStorageErrors.ShouldWrap(ex))
        {
            throw GrainStorageErrors.ClearFailed(_name, stateName, grainId, ex);
        }

        // The tombstone keeps the (bumped) version so a writer that read before the clear conflicts.
        var tombstone = Swap("clear", stateName, grainId, grainState.ETag, data: null);
        grainState.State = fresh;
        grainState.ETag = tombstone.ETag;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    /// <summary>Replaces the record if its version is <paramref name="expectedEtag"/>; otherwise throws and changes nothing.</summary>
    private StoredRecord Swap(string operation, string stateName, GrainId grainId, string? expectedEtag, byte[]? data)
    {
        var key = (stateName, grainId);
        lock (_gate)
        {
            _records.TryGetValue(key, out var current);
            if (!string.Equals(current?.ETag, expectedEtag, StringComparison.Ordinal))
            {
                throw GrainStorageErrors.Conflict(operation, _name, stateName, grainId, current?.ETag, expectedEtag);
            }

            var next = new StoredRecord(data, (current?.Version ?? 0) + 1);
            _records[key] = next;
            return next;
        }
    }

    /// <summary>Immutable, so a reader can use it outside the lock. Null data is a tombstone.</summary>
    private sealed class StoredRecord(byte[]? data, long version)
    {
        public byte[]? Data { get; } = data;

        public long Version { get; } = version;

        public string ETag { get; } = version.ToString(CultureInfo.InvariantCulture);
    }
}
