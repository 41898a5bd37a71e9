namespace MultiAgent.Runtime;

/// <summary>
/// Per-call settings for the grain calls made inside a scope on this async flow:
/// <c>using (GrainCallScope.WithTimeout(TimeSpan.FromSeconds(2))) await grain.Work();</c>
/// </summary>
public static class GrainCallScope
{
    private static readonly AsyncLocal<TimeSpan?> _timeout = new();

    /// <summary>The deadline for calls in the current scope, if one was set.</summary>
    public static TimeSpan? CurrentTimeout => _timeout.Value;

    public static IDisposable WithTimeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A call timeout must be positive.");
        }

        var previous = _timeout.Value;
        _timeout.Value = timeout;
        return new Restore(previous);
    }

    private sealed class Restore(TimeSpan? previous) : IDisposable
    {
        public void Dispose() => _timeout.Value = previous;
    }
}
