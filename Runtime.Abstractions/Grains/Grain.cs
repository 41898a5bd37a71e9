namespace MultiAgent.Runtime;

/// <summary>
/// Base class of grain implementations. A grain is constructed by the runtime on activation;
/// its requests, timer ticks and continuations run one turn at a time.
/// </summary>
public abstract class Grain : IAddressable
{
    protected Grain()
        : this(RuntimeContext.Current ?? throw new InvalidOperationException(
            "A grain can only be constructed by the runtime, on activation. Use IGrainFactory.GetGrain to obtain a reference."))
    {
    }

    protected Grain(IGrainContext grainContext)
    {
        GrainContext = grainContext ?? throw new ArgumentNullException(nameof(grainContext));
    }

    public IGrainContext GrainContext { get; }

    public GrainId GrainId => GrainContext.GrainId;

    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;

    protected IServiceProvider ServiceProvider => GrainContext.ActivationServices;

    /// <summary>Runs after persistent state is loaded and before the first request.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after the last request, before the activation is discarded. Persist what must survive here.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivate once the current request completes.</summary>
    protected void DeactivateOnIdle() => GrainContext.DeactivateOnIdle();

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        RegisterGrainTimer(callback, new GrainTimerCreationOptions(dueTime, period));

    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return GrainContext.RegisterGrainTimer(static (s, ct) => ((Func<CancellationToken, Task>)s!)(ct), callback, options);
    }

    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return GrainContext.RegisterGrainTimer((s, ct) => callback((TState)s!, ct), state, options);
    }

    public override string ToString() => $"{GetType().Name}({GrainId})";
}
