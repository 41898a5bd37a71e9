using System.Diagnostics;
using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace MultiAgent.Runtime.Streams.Kafka;

/// <summary>
/// Delivers one partition's events: per key in order, one at a time; across keys concurrently (bounded).
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

    // Events of one key go one after another (per-key order); different keys of the partition are delivered
    // concurrently, up to a bound. Offsets are stored for the delivered prefix only, so a commit never covers
    // an event still in flight.
    private async Task RunAsync()
    {
        var inFlight = new Queue<(ConsumeResult<string, byte[]> Result, Task Done)>();
        var tails = new Dictionary<string, Task>(StringComparer.Ordinal);
        var reader = _queue.Reader;
        try
        {
            while (true)
            {
                StoreDeliveredPrefix(inFlight);
                if (inFlight.Count >= _owner.Options.MaxConcurrentDeliveriesPerPartition)
                {
                    await inFlight.Peek().Done;
                    continue;
                }

                if (reader.TryRead(out var result))
                {
                    var key = result.Message.Key ?? string.Empty;
                    var done = DeliverAfterAsync(tails.GetValueOrDefault(key), result);
                    tails[key] = done;
                    inFlight.Enqueue((result, done));
                    if (tails.Count > 4 * _owner.Options.MaxConcurrentDeliveriesPerPartition)
                    {
                        PruneCompleted(tails);
                    }

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
                    await Task.WhenAny(reader.WaitToReadAsync(_revoked.Token).AsTask(), inFlight.Peek().Done);
                }
            }
        }
        catch (OperationCanceledException) when (_revoked.IsCancellationRequested)
        {
        }
    }

    private void StoreDeliveredPrefix(Queue<(ConsumeResult<string, byte[]> Result, Task Done)> inFlight)
    {
        ConsumeResult<string, byte[]>? last = null;
        while (inFlight.Count > 0 && inFlight.Peek().Done.IsCompleted)
        {
            last = inFlight.Dequeue().Result;
        }

        if (last is not null && !_revoked.IsCancellationRequested)
        {
            _owner.StoreOffset(last);
        }
    }

    private static void PruneCompleted(Dictionary<string, Task> tails)
    {
        foreach (var (key, tail) in tails.ToList())
        {
            if (tail.IsCompleted)
            {
                tails.Remove(key);
            }
        }
    }

    private async Task DeliverAfterAsync(Task? previous, ConsumeResult<string, byte[]> result)
    {
        if (previous is not null)
        {
            await previous;
        }

        try
        {
            await DeliverAsync(result);
        }
        catch (OperationCanceledException) when (_revoked.IsCancellationRequested)
        {
            // Revoked mid-delivery: the partition's new owner redelivers from the last stored offset.
        }
    }

    private async Task DeliverAsync(ConsumeResult<string, byte[]> result)
    {
        var message = result.Message;
        if (string.IsNullOrEmpty(message.Key))
        {
            await _owner.DeadLetterAsync(result, "The message has no key; the key names the stream (and subscriber grain).", attempts: 0);
            return;
        }

        var stream = new StreamId(_streamNamespace, message.Key);
        var eventType = KafkaHeaders.Get(message.Headers, KafkaHeaders.EventType) ?? string.Empty;
        var token = new StreamSequenceToken(result.Offset.Value, result.Partition.Value);
        ActivityContext.TryParse(KafkaHeaders.Get(message.Headers, KafkaHeaders.TraceParent), null, out var parent);
        using var activity = Source.StartActivity("stream deliver", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.destination", result.Topic);

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

        await _owner.DeadLetterAsync(result, last?.ToString() ?? "delivery failed", attempts);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of {Partition}@{Offset} failed (attempt {Attempt}); retrying: {Reason}")]
    private partial void LogRetry(string partition, long offset, int attempt, string reason);
}
