using Confluent.Kafka;

namespace MultiAgent.Runtime.Kafka;

/// <summary>
/// A raw group consumer for tests and benchmarks, polled on its own thread until disposed: Consume blocks, and
/// rebalances only progress while it polls. The owner sees every poll (with or without a message) on that thread.
/// </summary>
internal sealed class ConsumerPollLoop<TKey, TValue> : IAsyncDisposable
{
    private readonly IConsumer<TKey, TValue> _consumer;
    private readonly TimeSpan _pollTimeout;
    private readonly Action<IConsumer<TKey, TValue>, ConsumeResult<TKey, TValue>?> _onPoll;
    private readonly Action<Exception> _onFault;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>
    /// Subscribes to <paramref name="topic"/> and starts polling: <paramref name="onPoll"/> gets each poll's result
    /// (null when none came within <paramref name="pollTimeout"/>); <paramref name="onFault"/> the error that ends the loop.
    /// </summary>
    public ConsumerPollLoop(
        ConsumerConfig config,
        string topic,
        TimeSpan pollTimeout,
        Action<IConsumer<TKey, TValue>, ConsumeResult<TKey, TValue>?> onPoll,
        Action<Exception> onFault)
    {
        _consumer = new ConsumerBuilder<TKey, TValue>(config).Build();
        _consumer.Subscribe(topic);
        _pollTimeout = pollTimeout;
        _onPoll = onPoll;
        _onFault = onFault;
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Stops polling, then leaves the group (Close) so the others rebalance at once.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                _onPoll(_consumer, _consumer.Consume(_pollTimeout));
            }
        }
        catch (Exception e) when (e is KafkaException or InvalidOperationException)
        {
            _onFault(e);
        }
    }
}
