namespace MultiAgent.Runtime;

/// <summary>A conditional storage write found a different version than the activation expected; nothing was changed.</summary>
public sealed class InconsistentStateException(string message, string? storedEtag, string? currentEtag) : Exception(message)
{
    /// <summary>The version in storage at the time of the write; null if none.</summary>
    public string? StoredEtag { get; } = storedEtag;

    /// <summary>The version the writer expected.</summary>
    public string? CurrentEtag { get; } = currentEtag;
}
