namespace MultiAgent.Runtime.Storage;

/// <summary>
/// A storage provider could not read, write or clear a grain's state for a reason other than a
/// version conflict (unreachable store, undecodable data). The message names the state, grain
/// and provider; the cause is the inner exception.
/// </summary>
public sealed class GrainStorageException(string message, Exception? innerException)
    : Exception(message, innerException);
