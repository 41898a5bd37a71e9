namespace MultiAgent.Runtime.Streams;

/// <summary>
/// Receives a stream's events several at a time, as Orleans' batch observer: what a provider has
/// queued for one stream key while the subscriber was busy arrives as one turn, in stream order. A
/// subscriber that makes each event durable (a write per event) can make a whole batch durable with one
/// write. When a grain class implements both this and <see cref="IAsyncObserver{T}"/> for the same
/// <typeparamref name="T"/>, deliveries use this one.
/// </summary>
/// <remarks>
/// If the call fails, the provider redelivers the batch's events one at a time (with its usual retries
/// and dead-lettering), so one poison event is dead-lettered alone — and events of the batch handled
/// before the failure arrive again: batch subscribers must be idempotent, as every at-least-once one is.
/// </remarks>
public interface IAsyncBatchObserver<T>
{
    Task OnNextAsync(IList<SequentialItem<T>> items);
}

/// <summary>An event and where it sits in its stream.</summary>
public sealed record SequentialItem<T>(T Item, StreamSequenceToken Token);
