using System.Diagnostics;
using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace MultiAgent.Runtime.Streams.Kafka;

/// <summary>
/// Delivers one partition's events: per key in order, one delivery at a time (events that queued meanwhile
/// go together as the next one); across keys concurrently (bounded).
/// An offset is stored only once its event and every earlier one were delivered or dead-lettered — the
/// consumer commits stored offsets, so delivery is at-least-once. A failing delivery is retried with back-off, then sent to the
/// dead-letter topic with its reason and original coordinates, and the partition moves on.
/// </summary>
internal sealed partial class PartitionWorker
{
    private static readonly ActivitySource Source = new("MultiAgent.Streams");

    private readonly TopicPartition _partition;
    private readonly string _streamNamespace;
    private readonly KafkaStreamConsumer _owner;
    private readonly Channel<ConsumeResult<string, byte[]>> _queue;
    private readonly CancellationTokenSource _revoked = new();
    private readonly Task _loop;
    private readonly ILogger _logger;

    public PartitionWorker(TopicPartition partition, string streamNamespace, int capacity, KafkaStreamConsumer owner)
    {
        _partition = partition;
        _streamNamespace = streamNamespace;
        _owner = owner;
        _logger = owner.Logger;
        _queue = Channel.CreateBounded<ConsumeResult<string, byte[]>>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        _loop = Task.Run(RunAsync);
    }

    public int Queued => _queue.Reader.Count;

    /// <summary>False when the queue is full: the caller pauses the partition.</summary>
    public bool TryEnqueue(ConsumeResult<string, byte[]> result) => _queue.Writer.TryWrite(result);

    /// <summary>The partition went to another silo: stop; events not yet delivered will be delivered there.</summary>
    public Task RevokeAsync()
    {
        _queue.Writer.TryComplete();
        _revoked.Cancel();
        return _loop;
    }

    // Events of one key go one delivery after another (per-key order); those arriving while their key's
    // delivery runs gather into its next batch; different keys are delivered concurrently. Offsets are
    // stored for the delivered prefix only, so a commit never covers an event still in flight.
    private async Task RunAsync()
    {
        var inFlight = new Queue<(ConsumeResult<string, byte[]> Result, KeyBatch Batch)>();
        var newestByKey = new Dictionary<string, KeyBatch>(StringComparer.Ordinal);
        var reader = _queue.Reader;
        var options = _owner.Options;
        try
        {
            while (true)
            {
                StoreDeliveredPrefix(inFlight);
                if (inFlight.Count >= options.MaxInFlightPerPartition)
                {
                    await inFlight.Peek().Batch.Completion;
                    continue;
                }

                if (reader.TryRead(out var result))
                {
                    var key = result.Message.Key ?? string.Empty;
                    var eventType = KafkaHeaders.Get(result.Message.Headers, KafkaHeaders.EventType) ?? string.Empty;
                    var batch = newestByKey.GetValueOrDefault(key);
                    if (batch is null || !batch.TryAdd(result, eventType, options.MaxBatchSize))
                    {
                        var previous = batch?.Completion;
                        batch = new KeyBatch(result, eventType);
                        batch.Completion = DeliverAfterAsync(previous, batch);
                        newestByKey[key] = batch;
                        if (newestByKey.Count > 4 * options.MaxInFlightPerPartition)
                        {
                            PruneCompleted(newestByKey);
                        }
                    }

                    inFlight.Enqueue((result, batch));
                    continue;
                }

                if (inFlight.Count == 0)
                {
                    if (!await reader.WaitToReadAsync(_revoked.Token))
                    {
                        return;
                    }
                }
                else
                {
                    await Task.WhenAny(reader.WaitToReadAsync(_revoked.Token).AsTask(), inFlight.Peek().Batch.Completion);
                }
            }
        }
        catch (OperationCanceledException) when (_revoked.IsCancellationRequested)
        {
        }
    }

    private void StoreDeliveredPrefix(Queue<(ConsumeResult<string, byte[]> Result, KeyBatch Batch)> inFlight)
    {
        ConsumeResult<string, byte[]>? last = null;
        while (inFlight.Count > 0 && inFlight.Peek().Batch.Completion.IsCompleted)
        {
            last = inFlight.Dequeue().Result;
        }

        if (last is not null && !_revoked.IsCancellationRequested)
        {
            _owner.StoreOffset(last);
        }
    }

    private static void PruneCompleted(Dictionary<string, KeyBatch> newestByKey)
    {
        foreach (var (key, batch) in newestByKey.ToList())
        {
            if (batch.Completion.IsCompleted)
            {
                newestByKey.Remove(key);
            }
        }
    }

    // Never faults: a fault would read as "delivered" to the offset store and break the key's chain.
    private async Task DeliverAfterAsync(Task? previous, KeyBatch batch)
    {
        if (previous is not null)
        {
            await previous;
        }

        var events = batch.Seal();
        try
        {
            await DeliverBatchAsync(events, batch.EventType);
        }
        catch (Exception) when (_revoked.IsCancellationRequested)
        {
            // Revoked mid-delivery (however the delivery then failed): the partition's new owner redelivers
            // from the last stored offset.
        }
    }

    /// <summary>
    /// Several events go in one turn; if that fails they are delivered one at a time, each with its own
    /// retries and dead-lettering, so one poison event is dead-lettered alone (at-least-once: events the
    /// subscriber handled before the failure arrive again).
    /// </summary>
    private async Task DeliverBatchAsync(IReadOnlyList<ConsumeResult<string, byte[]>> events, string eventType)
    {
        if (events.Count > 1 && !string.IsNullOrEmpty(events[0].Message.Key))
        {
            try
            {
                await DeliverTogetherAsync(events, eventType);
                return;
            }
            catch (Exception e) when (!_revoked.IsCancellationRequested)
            {
                LogBatchFailed(_partition.ToString(), events[0].Offset.Value, events.Count, e.Message);
            }
        }

        foreach (var result in events)
        {
            await DeliverAsync(result);
        }
    }

    private async Task DeliverTogetherAsync(IReadOnlyList<ConsumeResult<string, byte[]>> events, string eventType)
    {
        var first = events[0];
        var payloads = new byte[events.Count][];
        var sequenceNumbers = new long[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            payloads[i] = events[i].Message.Value ?? [];
            sequenceNumbers[i] = events[i].Offset.Value;
        }

        using var activity = StartDeliveryActivity(first);
        activity?.SetTag("messaging.batch.message_count", events.Count);
        await _owner.Deliverer.DeliverAsync(_owner.ProviderName, new StreamId(_streamNamespace, first.Message.Key), eventType, payloads, sequenceNumbers, first.Partition.Value);
    }

    // The batch's span continues the first event's trace.
    private static Activity? StartDeliveryActivity(ConsumeResult<string, byte[]> result)
    {
        ActivityContext.TryParse(KafkaHeaders.Get(result.Message.Headers, KafkaHeaders.TraceParent), null, out var parent);
        var activity = Source.StartActivity("stream deliver", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.destination", result.Topic);
        return activity;
    }

    private async Task DeliverAsync(ConsumeResult<string, byte[]> result)
    {
        var message = result.Message;
        if (string.IsNullOrEmpty(message.Key))
        {
            await DeadLetterAsync(result, "The message has no key; the key names the stream (and subscriber grain).", attempts: 0);
            return;
        }

        var stream = new StreamId(_streamNamespace, message.Key);
        var eventType = KafkaHeaders.Get(message.Headers, KafkaHeaders.EventType) ?? string.Empty;
        var token = new StreamSequenceToken(result.Offset.Value, result.Partition.Value);
        using var activity = StartDeliveryActivity(result);

        Exception? last = null;
        var attempts = 0;
        for (var attempt = 1; attempt <= _owner.Options.MaxDeliveryAttempts; attempt++)
        {
            attempts = attempt;
            try
            {
                await _owner.Deliverer.DeliverAsync(_owner.ProviderName, stream, eventType, message.Value ?? [], token);
                return;
            }
            catch (Exception e) when (!_revoked.IsCancellationRequested)
            {
                last = e;
                if (IsPoison(e))
                {
                    break; // the same bytes will never decode: retrying only delays the partition
                }

                LogRetry(_partition.ToString(), result.Offset.Value, attempt, e.Message);
                await Task.Delay(_owner.Options.RetryBaseDelay * (1 << Math.Min(attempt - 1, 6)), _revoked.Token);
            }
        }

        LogGivenUp(last, _partition.ToString(), result.Offset.Value, attempts);
        await DeadLetterAsync(result, FailureReason.Describe(last), attempts);
    }

    // The offset is stored once this returns, so an event that cannot be dead-lettered (the broker is
    // unreachable) holds the partition rather than being lost; revocation ends the wait.
    private async Task DeadLetterAsync(ConsumeResult<string, byte[]> result, string reason, int attempts)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _owner.DeadLetterAsync(result, reason, attempts);
                return;
            }
            catch (Exception e) when (!_revoked.IsCancellationRequested)
            {
                LogDeadLetterFailed(result.TopicPartitionOffset.ToString(), attempt, e.Message);
                await Task.Delay(_owner.Options.RetryBaseDelay * (1 << Math.Min(attempt - 1, 5)), _revoked.Token);
            }
        }
    }

    // Never worth a retry: bytes that do not decode, or an event its subscriber declares undeliverable
    // (also when that subscriber ran on another silo and only the exception's type name came back).
    private static bool IsPoison(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Text.Json.JsonException or UndeliverableEventException
                || (inner is RemoteGrainException remote && IsPoisonType(remote.ExceptionType)))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> PoisonTypes = new(StringComparer.Ordinal);

    private static bool IsPoisonType(string typeName) => PoisonTypes.GetOrAdd(typeName, static name =>
        name.EndsWith("JsonException", StringComparison.Ordinal)
        || AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name, throwOnError: false)).FirstOrDefault(t => t is not null)
            is { } type && typeof(UndeliverableEventException).IsAssignableFrom(type));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Giving up on {Partition}@{Offset} after {Attempts} attempt(s); dead-lettering it")]
    private partial void LogGivenUp(Exception? exception, string partition, long offset, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not dead-letter {Coordinates} (attempt {Attempt}); the partition waits: {Reason}")]
    private partial void LogDeadLetterFailed(string coordinates, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of {Count} events from {Partition}@{Offset} in one turn failed; delivering them one at a time: {Reason}")]
    private partial void LogBatchFailed(string partition, long offset, int count, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of {Partition}@{Offset} failed (attempt {Attempt}); retrying: {Reason}")]
    private partial void LogRetry(string partition, long offset, int attempt, string reason);
}
