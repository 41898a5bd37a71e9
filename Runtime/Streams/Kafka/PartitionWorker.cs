using System.Diagnostics;
using System.Threading.Channels;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace MultiAgent.Runtime.Streams.Kafka;

/// <summary>
/// Delivers one partition's events in order, one at a time (so per-key order holds), and stores each
/// offset only after its event was delivered or dead-lettered — the consumer commits stored offsets,
/// so delivery is at-least-once. A failing delivery is retried with back-off, then sent to the
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

    private async Task RunAsync()
    {
        try
        {
            await foreach (var result in _queue.Reader.ReadAllAsync(_revoked.Token))
            {
                await DeliverAsync(result);
                _owner.StoreOffset(result);
            }
        }
        catch (OperationCanceledException) when (_revoked.IsCancellationRequested)
        {
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
        for (var attempt = 1; attempt <= _owner.Options.MaxDeliveryAttempts; attempt++)
        {
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

        await _owner.DeadLetterAsync(result, last?.ToString() ?? "delivery failed", _owner.Options.MaxDeliveryAttempts);
    }

    private static bool IsPoison(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Text.Json.JsonException || (inner is RemoteGrainException remote && remote.ExceptionType.EndsWith("JsonException", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of {Partition}@{Offset} failed (attempt {Attempt}); retrying: {Reason}")]
    private partial void LogRetry(string partition, long offset, int attempt, string reason);
}
