using Confluent.Kafka;
using MultiAgent.Runtime.Kafka;

namespace MultiAgent.Benchmarks.Streams;

/// <summary>
/// A group consumer polled on its own thread that hands every message to its owner, started only once the group
/// has assigned it partitions (so nothing produced afterwards can be missed by a late join).
/// </summary>
internal sealed class GroupConsumer<TKey, TValue> : IAsyncDisposable
{
    private static readonly TimeSpan AssignTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);

    private readonly TaskCompletionSource _assigned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<ConsumeResult<TKey, TValue>> _onMessage;
    private readonly Action<Exception> _onFault;
    private readonly ConsumerPollLoop<TKey, TValue> _loop;

    private GroupConsumer(ConsumerConfig config, string topic, Action<ConsumeResult<TKey, TValue>> onMessage, Action<Exception> onFault)
    {
        _onMessage = onMessage;
        _onFault = onFault;
        _loop = new ConsumerPollLoop<TKey, TValue>(config, topic, PollTimeout, OnPoll, OnFault);
    }

    /// <summary>
    /// Subscribes to <paramref name="topic"/> and waits for the partition assignment; <paramref name="onMessage"/> then
    /// gets each message on the polling thread, <paramref name="onFault"/> the error that stops the polling.
    /// </summary>
    public static async Task<GroupConsumer<TKey, TValue>> StartAsync(
        ConsumerConfig config, string topic, Action<ConsumeResult<TKey, TValue>> onMessage, Action<Exception> onFault, CancellationToken cancellationToken)
    {
        var consumer = new GroupConsumer<TKey, TValue>(config, topic, onMessage, onFault);
        try
        {
            await consumer._assigned.Task.WaitAsync(AssignTimeout, cancellationToken);
            return consumer;
        }
        catch
        {
            await consumer.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private void OnPoll(IConsumer<TKey, TValue> consumer, ConsumeResult<TKey, TValue>? result)
    {
        if (result?.Message is null)
        {
            if (!_assigned.Task.IsCompleted && consumer.Assignment.Count > 0)
            {
                _assigned.TrySetResult();
            }

            return;
        }

        _onMessage(result);
    }

    private void OnFault(Exception e)
    {
        _assigned.TrySetException(e);
        _onFault(e);
    }
}
