namespace MultiAgent.Runtime;

/// <summary>The runtime side of one activation, as seen by the grain it hosts.</summary>
public interface IGrainContext
{
    GrainId GrainId { get; }

    object? GrainInstance { get; }

    /// <summary>The silo's services (grain classes are constructed from these).</summary>
    IServiceProvider ActivationServices { get; }

    IGrainFactory GrainFactory { get; }

    /// <summary>Deactivate this activation once the current request has finished.</summary>
    void DeactivateOnIdle();

    /// <summary>A timer whose ticks run as turns of this activation; disposed when it deactivates.</summary>
    IGrainTimer RegisterGrainTimer(Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options);
}

/// <summary>The activation whose grain is being constructed on this thread, so <see cref="Grain"/>'s parameterless constructor can find it.</summary>
public static class RuntimeContext
{
    [ThreadStatic]
    private static IGrainContext? _constructing;

    public static IGrainContext? Current => _constructing ?? SynchronizationContext.Current as IGrainContext;

    /// <summary>Used by the runtime around a grain constructor call.</summary>
    public static IGrainContext? SetConstructing(IGrainContext? context)
    {
        var previous = _constructing;
        _constructing = context;
        return previous;
    }
}
