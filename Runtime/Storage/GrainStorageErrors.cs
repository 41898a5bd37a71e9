namespace MultiAgent.Runtime.Storage;

/// <summary>The messages every provider uses, so a failure reads the same whatever the store.</summary>
internal static class GrainStorageErrors
{
    public static InconsistentStateException Conflict(
        string operation, string storageName, string stateName, GrainId grainId, string? storedEtag, string? expectedEtag) =>
        new(
            $"Could not {operation} state '{stateName}' of grain {grainId} in storage '{storageName}': " +
            $"the stored version is {Describe(storedEtag)} but the writer expected {Describe(expectedEtag)}. " +
            "Another activation changed it; nothing was written.",
            storedEtag,
            expectedEtag);

    public static GrainStorageException ReadFailed(string storageName, string stateName, GrainId grainId, Exception cause, string? detail = null) =>
        new($"Could not read state '{stateName}' of grain {grainId} from storage '{storageName}': {detail ?? cause.Message}", cause);

    public static GrainStorageException WriteFailed(string storageName, string stateName, GrainId grainId, Exception cause, string? detail = null) =>
        new($"Could not write state '{stateName}' of grain {grainId} to storage '{storageName}': {detail ?? cause.Message}", cause);

    public static GrainStorageException ClearFailed(string storageName, string stateName, GrainId grainId, Exception cause, string? detail = null) =>
        new($"Could not clear state '{stateName}' of grain {grainId} in storage '{storageName}': {detail ?? cause.Message}", cause);

    /// <summary>Failures a provider wraps; a conflict, a cancellation or an already wrapped error passes through.</summary>
    public static bool ShouldWrap(Exception exception) =>
        exception is not (InconsistentStateException or OperationCanceledException or GrainStorageException);

    private static string Describe(string? etag) => etag is null ? "none" : $"'{etag}'";
}
