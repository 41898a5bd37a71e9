namespace MultiAgent.Runtime.Storage;

/// <summary>
/// A grain's named state bound to one provider. It holds the version last read or written, so a
/// write from a stale or duplicate activation conflicts instead of overwriting newer state.
/// </summary>
internal sealed class PersistentState<T> : IPersistentState<T>, ILoadableState
{
    private readonly IGrainStorage _storage;
    private readonly string _stateName;
    private readonly GrainId _grainId;
    private readonly GrainState<T> _grainState;

    public PersistentState(IGrainStorage storage, string stateName, string storageName, GrainId grainId)
    {
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentException.ThrowIfNullOrEmpty(storageName);
        _storage = storage;
        _stateName = stateName;
        StorageName = storageName;
        _grainId = grainId;

        // Created now so a state type without a parameterless constructor fails at activation, not at first use.
        _grainState = new GrainState<T>(NewState.Create<T>(stateName));
    }

    public string StorageName { get; }

    public T State
    {
        get => _grainState.State;
        set => _grainState.State = value;
    }

    public string? Etag => _grainState.ETag;

    public bool RecordExists => _grainState.RecordExists;

    public Task LoadAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        // Read into a scratch copy so a provider failing half way cannot leave a mix of old and new.
        var read = new GrainState<T>(_grainState.State);
        await _storage.ReadStateAsync(_stateName, _grainId, read, cancellationToken);
        _grainState.State = read.State;
        _grainState.ETag = read.ETag;
        _grainState.RecordExists = read.RecordExists;
    }

    // Providers change the ETag only on success, so after a conflict this activation still holds its old version.
    public Task WriteStateAsync(CancellationToken cancellationToken = default) =>
        _storage.WriteStateAsync(_stateName, _grainId, _grainState, cancellationToken);

    public Task ClearStateAsync(CancellationToken cancellationToken = default) =>
        _storage.ClearStateAsync(_stateName, _grainId, _grainState, cancellationToken);

    public override string ToString() => $"state '{_stateName}' of grain {_grainId} in storage '{StorageName}'";
}
