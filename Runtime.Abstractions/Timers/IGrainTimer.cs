namespace MultiAgent.Runtime;

/// <summary>A timer whose ticks are turns of its grain. Dispose to stop it; it stops anyway on deactivation.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Re-arms the timer; <see cref="Timeout.InfiniteTimeSpan"/> as period means a single tick.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}

/// <summary>
/// When a grain timer first ticks and how often after that. The next tick is scheduled once a
/// tick's callback has completed, so ticks never overlap.
/// </summary>
public readonly record struct GrainTimerCreationOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>Tick even while a request is in progress (at its await points), like an always-interleave method.</summary>
    public bool Interleave { get; init; }

    /// <summary>Ticks count as activity, so the grain is not collected while the timer runs.</summary>
    public bool KeepAlive { get; init; }
}
