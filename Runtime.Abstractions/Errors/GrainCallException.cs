namespace MultiAgent.Runtime;

/// <summary>
/// A grain method threw. The original exception is the <see cref="Exception.InnerException"/>
/// (when it crossed a process boundary: a <see cref="RemoteGrainException"/> with its type, message and stack).
/// </summary>
public class GrainCallException(GrainId grainId, string method, string message, Exception? innerException)
    : Exception(message, innerException)
{
    public GrainId GrainId { get; } = grainId;

    /// <summary><c>IPing.Ping</c>.</summary>
    public string Method { get; } = method;

    public static GrainCallException FromGrainException(GrainId grainId, string method, Exception exception) =>
        new(grainId, method, $"Grain {grainId} threw from {method}: {exception.GetType().Name}: {exception.Message}", exception);
}

/// <summary>No response arrived before the call's deadline.</summary>
public sealed class GrainCallTimeoutException(GrainId grainId, string method, TimeSpan timeout)
    : TimeoutException($"Call to {method} on grain {grainId} timed out after {timeout}.")
{
    public GrainId GrainId { get; } = grainId;

    public string Method { get; } = method;

    public TimeSpan Timeout { get; } = timeout;
}

/// <summary>An exception thrown in another process, carried by type name, message and stack trace.</summary>
public sealed class RemoteGrainException(string exceptionType, string message, string? remoteStackTrace)
    : Exception($"{exceptionType}: {message}")
{
    public string ExceptionType { get; } = exceptionType;

    public string? RemoteStackTrace { get; } = remoteStackTrace;

    public override string? StackTrace => RemoteStackTrace ?? base.StackTrace;
}
