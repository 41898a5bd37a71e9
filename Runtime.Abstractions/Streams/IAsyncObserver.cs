namespace MultiAgent.Runtime.Streams;

/// <summary>
/// Receives a stream's events. A grain subscribing to a stream passes one (or a delegate); a grain
/// class may implement it itself, and then receives its implicit and resumed subscriptions directly.
/// </summary>
public interface IAsyncObserver<in T>
{
    Task OnNextAsync(T item, StreamSequenceToken? token = null);

    Task OnCompletedAsync() => Task.CompletedTask;

    Task OnErrorAsync(Exception error) => Task.CompletedTask;
}

/// <summary>Where an event sits in its stream (a Kafka offset, a memory sequence number): for idempotence and resumption.</summary>
public sealed record StreamSequenceToken(long SequenceNumber, int Partition = 0)
{
    public override string ToString() => $"{Partition}:{SequenceNumber}";
}
