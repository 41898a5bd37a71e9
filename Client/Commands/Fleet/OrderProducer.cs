using System.Diagnostics;
using Confluent.Kafka;
using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime.Kafka;

namespace MultiAgent.Client.Commands.Fleet;

/// <summary>
/// Produces random valid orders for one warehouse to a Kafka topic (key = warehouse id) at a steady rate.
/// The counters are read while it runs, so callers can draw progress however they like.
/// </summary>
internal sealed class OrderProducer(string bootstrap, string topic, WarehouseLayout layout, Random random) : IDisposable
{
    private readonly IProducer<string, byte[]> _producer = WarmedUp(new ProducerBuilder<string, byte[]>(Config(bootstrap)).Build(), topic);
    private readonly string _run = $"{DateTimeOffset.UtcNow:HHmmss}{random.Next(1000):D3}";
    private long _sent;
    private long _produced;
    private long _failed;
    private string? _firstError;

    public string Topic => topic;

    /// <summary>Orders handed to the Kafka client (acknowledged or not yet).</summary>
    public long Sent => Volatile.Read(ref _sent);

    /// <summary>Orders the broker acknowledged: these are in Kafka and will reach the scheduler.</summary>
    public long Produced => Volatile.Read(ref _produced);

    /// <summary>Orders the broker did not take (see <see cref="FirstError"/>).</summary>
    public long Failed => Volatile.Read(ref _failed);

    public string? FirstError => Volatile.Read(ref _firstError);

    /// <summary>
    /// Sends <paramref name="count"/> orders at <paramref name="rate"/> per second, then waits for the broker's
    /// acknowledgements. Cancelling stops sending; what was already sent is still flushed, so it is counted.
    /// Returns false when cancelled.
    /// </summary>
    public async Task<bool> RunAsync(int count, double rate, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var completed = true;
        for (var i = 0; i < count; i++)
        {
            var wait = TimeSpan.FromSeconds(i / rate) - watch.Elapsed;
            try
            {
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait, cancellationToken);
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
            catch (OperationCanceledException)
            {
                completed = false;
                break;
            }

            Send(OrdersCommand.RandomOrder(layout, $"{layout.WarehouseId}-o{_run}-{i + 1}", random));
        }

        // Flush in short slices so this stays responsive; librdkafka's own message timeout bounds the total.
        while (_producer.Flush(TimeSpan.FromMilliseconds(100)) > 0)
        {
            await Task.Yield();
        }

        return completed;
    }

    public void Dispose() => _producer.Dispose();

    // The first message to a topic waits in the client until the topic's metadata arrives, and the demo's
    // first orders measured 0.7 s of it as order→assign latency: ask for the metadata up front instead.
    private static IProducer<string, byte[]> WarmedUp(IProducer<string, byte[]> producer, string topic)
    {
        try
        {
            using var admin = new DependentAdminClientBuilder(producer.Handle).Build();
            admin.GetMetadata(topic, TimeSpan.FromSeconds(5));
        }
        catch (KafkaException)
        {
            // Unreachable or no such topic yet: producing reports it, naming the broker.
        }

        return producer;
    }

    private static ProducerConfig Config(string bootstrap)
    {
        var config = KafkaClientDefaults.Producer(bootstrap, "multiagent-client");
        config.MessageTimeoutMs = 15_000;
        return config;
    }

    private void Send(Order order)
    {
        Interlocked.Increment(ref _sent);
        try
        {
            _producer.Produce(topic, new Message<string, byte[]> { Key = layout.WarehouseId, Value = FleetJson.Serialize(order) }, OnDelivery);
        }
        catch (KafkaException e)
        {
            Fail(e.Error.Reason);
        }
    }

    private void OnDelivery(DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError)
        {
            Fail(report.Error.Reason);
        }
        else
        {
            Interlocked.Increment(ref _produced);
        }
    }

    private void Fail(string reason)
    {
        Interlocked.CompareExchange(ref _firstError, reason, null);
        Interlocked.Increment(ref _failed);
    }
}
