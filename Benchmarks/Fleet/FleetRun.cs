namespace MultiAgent.Benchmarks.Fleet;

/// <summary>
/// What the end-to-end phases share: the running fleet, the order producer and the completion consumer, and the
/// waits they all need. Every wait also fails fast when the silo died or the consumer broke, so a broken run
/// ends with its cause rather than as a slow one.
/// </summary>
internal sealed class FleetRun(FleetStack stack, OrderProducer producer, CompletionTracker completions)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public FleetStack Stack { get; } = stack;

    public OrderProducer Producer { get; } = producer;

    public CompletionTracker Completions { get; } = completions;

    /// <summary>Orders produced and not yet seen completed: in Kafka, in the scheduler's queue, or on a robot.</summary>
    public long Outstanding => Producer.Produced - Completions.Completed;

    public void ThrowIfBroken()
    {
        Stack.Silo.ThrowIfExited();
        Completions.ThrowIfFaulted();
        Producer.ThrowIfAnyFailed();
    }

    /// <summary>Waits until <paramref name="condition"/> holds; false if it still does not after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!condition())
        {
            ThrowIfBroken();
            if (DateTimeOffset.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// Waits until completions stamped after <paramref name="windowEnd"/> arrive, so the window's own have (Kafka
    /// keeps one warehouse's completions in order); true if they did within <paramref name="timeout"/>.
    /// </summary>
    public Task<bool> WaitForCompletionsAfterAsync(DateTimeOffset windowEnd, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitUntilAsync(() => Completions.LatestCompletedAt > windowEnd || Outstanding == 0, timeout, cancellationToken);
}
