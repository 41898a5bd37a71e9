using Confluent.Kafka;
using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime.Kafka;

namespace MultiAgent.Benchmarks.Fleet;

/// <summary>
/// An outside order source: a Confluent.Kafka producer writing the documented JSON <see cref="Order"/> to topic
/// <c>orders</c> with the warehouse id as key, on the project's producer defaults (acks=all, idempotent, linger 0).
/// </summary>
internal sealed class OrderProducer(string bootstrapServers, BenchWarehouse warehouse) : IDisposable
{
    private readonly IProducer<string, byte[]> _producer =
        new ProducerBuilder<string, byte[]>(KafkaClientDefaults.Producer(bootstrapServers, "fleet-bench-orders")).Build();

    private readonly string _runId = Guid.NewGuid().ToString("N")[..6];
    private long _produced;
    private long _failed;
    private string? _firstError;

    /// <summary>Orders handed to the producer so far.</summary>
    public long Produced => _produced;

    /// <summary>Produces one order created now and returns it.</summary>
    public Order Produce()
    {
        var order = warehouse.NextOrder($"o-{_runId}-{_produced}");
        var message = new Message<string, byte[]> { Key = order.WarehouseId, Value = FleetJson.Serialize(order) };
        while (true)
        {
            try
            {
                _producer.Produce(FleetTopics.Orders, message, OnDelivered);
                _produced++;
                return order;
            }
            catch (ProduceException<string, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                _producer.Poll(TimeSpan.FromMilliseconds(1)); // let the queue drain
            }
        }
    }

    /// <summary>Throws if any order was not acknowledged by the broker: it would never complete, and the figures would lie.</summary>
    public void ThrowIfAnyFailed()
    {
        if (Interlocked.Read(ref _failed) is var failed and > 0)
        {
            throw new InvalidOperationException($"{failed} order(s) were not delivered to Kafka; the first error: {Volatile.Read(ref _firstError)}");
        }
    }

    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }

    private void OnDelivered(DeliveryReport<string, byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.CompareExchange(ref _firstError, report.Error.Reason, null);
            Interlocked.Increment(ref _failed);
        }
    }
}
