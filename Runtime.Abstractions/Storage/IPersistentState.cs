namespace MultiAgent.Runtime;

/// <summary>A grain's named piece of persistent state. Writes are conditional on <see cref="Etag"/>.</summary>
public interface IStorage<TState>
{
    TState State { get; set; }

    /// <summary>The version read or last written; null when nothing was ever stored.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores <see cref="State"/> if storage still holds the version this activation knows; else throws <see cref="InconsistentStateException"/>.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the stored state (conditional on <see cref="Etag"/>) and resets <see cref="State"/> to a new instance.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

/// <summary>Injected into a grain constructor parameter marked with <see cref="PersistentStateAttribute"/>; loaded before the first turn.</summary>
public interface IPersistentState<TState> : IStorage<TState>;

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public string StateName { get; } = stateName;

    /// <summary>The named storage provider; the one named "Default" when null.</summary>
    public string? StorageName { get; } = storageName;
}
