using System.Text;
using Confluent.Kafka;

namespace MultiAgent.Tests.Infrastructure;

/// <summary>
/// An outside consumer (its own consumer group) that records every message of a topic from the beginning,
/// in the background, until disposed. Tests read what it has seen so far with <see cref="Snapshot"/>.
/// </summary>
public sealed class KafkaTopicRecorder : IDisposable
{
    private readonly IConsumer<string, byte[]> _consumer;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<RecordedMessage> _messages = [];
    private readonly Task _loop;
    private DateTime _lastReceivedUtc = DateTime.UtcNow;

    public KafkaTopicRecorder(string bootstrapServers, string topic)
    {
        _consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = KafkaDevBroker.UniqueName("recorder"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            FetchWaitMaxMs = 5,
        }).Build();
        _consumer.Subscribe(topic);
        _loop = Task.Factory.StartNew(Consume, TaskCreationOptions.LongRunning);
    }

    /// <summary>How long ago the last message arrived (or since the recorder started, before any).</summary>
    public TimeSpan Quiet
    {
        get
        {
            lock (_messages)
            {
                return DateTime.UtcNow - _lastReceivedUtc;
            }
        }
    }

    /// <summary>The messages received so far, in arrival order, from the <paramref name="from"/>-th on.</summary>
    public IReadOnlyList<RecordedMessage> Snapshot(int from = 0)
    {
        lock (_messages)
        {
            return from >= _messages.Count ? [] : _messages[from..];
        }
    }

    /// <summary>Waits until nothing new has arrived for <paramref name="quiet"/> (at most <paramref name="timeout"/>): late duplicates show up in between.</summary>
    public Task WaitForQuietAsync(TimeSpan quiet, TimeSpan timeout) =>
        Eventually.AssertAsync(() => Quiet >= quiet, timeout, $"the topic should go quiet for {quiet.TotalSeconds:0.#} s");

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait(TimeSpan.FromSeconds(10));
        _consumer.Close();
        _consumer.Dispose();
        _stop.Dispose();
    }

    private void Consume()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (_consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } result)
            {
                var message = new RecordedMessage(result.Message.Key, result.Message.Value, result.Message.Headers, result.Partition.Value, result.Offset.Value);
                lock (_messages)
                {
                    _messages.Add(message);
                    _lastReceivedUtc = DateTime.UtcNow;
                }
            }
        }
    }
}

/// <summary>One message as an outside consumer saw it.</summary>
public sealed record RecordedMessage(string Key, byte[] Value, Headers Headers, int Partition, long Offset)
{
    public string Text => Encoding.UTF8.GetString(Value);

    /// <summary>The last value of header <paramref name="name"/>, or "" when absent.</summary>
    public string Header(string name) => Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : "";
}
