using System.Diagnostics;
using Confluent.Kafka;
using MultiAgent.Grains.Fleet;

namespace MultiAgent.Tests.Fleet.Process;

/// <summary>An outside Kafka producer of orders: the documented JSON, message key = warehouse id.</summary>
internal static class FleetOrderProducer
{
    /// <summary>
    /// Produces <paramref name="orders"/> to <paramref name="topic"/> at about <paramref name="perSecond"/>, as
    /// a steady stream of customers would (not all at once: that is a backlog, another test), and waits for the
    /// broker to acknowledge every one.
    /// </summary>
    public static void ProduceAtRate(string bootstrapServers, string topic, IReadOnlyList<Order> orders, int perSecond)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 1,
        }).Build();
        var failures = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < orders.Count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due > clock.Elapsed)
            {
                Thread.Sleep(due - clock.Elapsed);
            }

            // Stamped when sent: order→complete latencies then start at the producer.
            var order = orders[i] with { CreatedAt = DateTimeOffset.UtcNow };
            producer.Produce(topic, new Message<string, byte[]> { Key = order.WarehouseId, Value = FleetJson.Serialize(order) }, report =>
            {
                if (report.Error.IsError)
                {
                    Interlocked.Increment(ref failures);
                }
            });
        }

        var unsent = producer.Flush(TimeSpan.FromSeconds(30));
        if (unsent > 0 || failures > 0)
        {
            throw new InvalidOperationException($"{unsent} orders still unsent and {failures} refused by the broker.");
        }
    }
}
