namespace MultiAgent.Runtime.Invocation;

[Flags]
public enum GrainMethodFlags
{
    None = 0,
    AlwaysInterleave = 1,
    OneWay = 2,
}

/// <summary>
/// What the runtime knows about one grain interface method: names for messages and errors,
/// scheduling flags, an optional timeout, and a factory for an empty request (used when a
/// request arrives off the wire). Built once per method by generated code.
/// </summary>
public sealed class GrainMethodDescriptor
{
    public GrainMethodDescriptor(
        Type interfaceType,
        string methodName,
        string methodId,
        Type resultType,
        GrainMethodFlags flags,
        TimeSpan? responseTimeout,
        Func<GrainRequest> createRequest)
    {
        InterfaceType = interfaceType;
        InterfaceName = interfaceType.FullName ?? interfaceType.Name;
        MethodName = methodName;
        MethodId = methodId;
        ResultType = resultType;
        Flags = flags;
        ResponseTimeout = responseTimeout;
        CreateRequest = createRequest;
        DisplayName = $"{interfaceType.Name}.{methodName}";
    }

    public Type InterfaceType { get; }

    /// <summary>Full name of the interface; stable across versions and used on the wire.</summary>
    public string InterfaceName { get; }

    public string MethodName { get; }

    /// <summary>Name and parameter types, e.g. <c>Ping(System.Int32)</c>: stable when other methods are added.</summary>
    public string MethodId { get; }

    /// <summary>The awaited result type, <see cref="VoidResult"/> for <c>Task</c> and <c>ValueTask</c>.</summary>
    public Type ResultType { get; }

    public GrainMethodFlags Flags { get; }

    public TimeSpan? ResponseTimeout { get; }

    public Func<GrainRequest> CreateRequest { get; }

    /// <summary><c>IPing.Ping</c>: how errors name the method.</summary>
    public string DisplayName { get; }

    public bool AlwaysInterleave => (Flags & GrainMethodFlags.AlwaysInterleave) != 0;

    public bool IsOneWay => (Flags & GrainMethodFlags.OneWay) != 0;

    public override string ToString() => DisplayName;
}
