namespace MultiAgent.Runtime.Activation;

internal enum WorkKind : byte
{
    /// <summary>A continuation posted to the activation's synchronization context.</summary>
    Continuation,

    /// <summary>An admitted message to start.</summary>
    Message,

    Activate,
    Deactivate,
}

/// <summary>One entry of an activation's ready queue: what runs in its next turn.</summary>
internal readonly struct WorkItem(WorkKind kind, object? target, object? state)
{
    public WorkKind Kind { get; } = kind;

    public object? Target { get; } = target;

    public object? State { get; } = state;
}

internal enum ActivationState : byte
{
    Activating,
    Valid,
    Deactivating,
    Invalid,
}
