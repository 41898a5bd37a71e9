namespace MultiAgent.Runtime.Storage;

/// <summary>The state, its version and whether a record exists, as exchanged with a storage provider.</summary>
public interface IGrainState<T>
{
    T State { get; set; }

    string? ETag { get; set; }

    bool RecordExists { get; set; }
}

public sealed class GrainState<T>(T state) : IGrainState<T>
{
    public T State { get; set; } = state;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}

/// <summary>
/// A grain storage provider. Write and clear succeed only if the stored version equals
/// <see cref="IGrainState{T}.ETag"/> (null: nothing stored); otherwise they throw
/// <see cref="InconsistentStateException"/> and change nothing.
/// </summary>
public interface IGrainStorage
{
    Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken);

    Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken);

    Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken);
}

/// <summary>Well-known provider names.</summary>
public static class GrainStorageNames
{
    public const string Default = "Default";
}
