using System.Text.Json;
using MultiAgent.Grains.Fleet;
using MultiAgent.Tests.Fleet.Grains;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Fleet.Kafka;

/// <summary>Orders waiting for a robot are served by priority, then deadline, then age — for orders that came through Kafka too.</summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaOrderPriorityTests(KafkaDevBroker broker) : KafkaFleetTest(broker)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_backlog_from_an_outside_producer_is_completed_by_priority_then_deadline_then_age()
    {
        var kafka = Kafka;
        var warehouse = await kafka.Fleet.NewWarehouseAsync();
        var now = DateTimeOffset.UtcNow;
        GridPoint pick = new(2, 2), drop = new(3, 3);

        // Produced oldest and least urgent first, so arrival order alone would serve them backwards.
        var low = FleetCluster.NewOrder(warehouse, pick, drop, priority: 1, createdAt: now.AddMinutes(-10));
        var lowerNewer = FleetCluster.NewOrder(warehouse, pick, drop, priority: 1, createdAt: now.AddMinutes(-9));
        var urgentNoDeadline = FleetCluster.NewOrder(warehouse, pick, drop, priority: 5, createdAt: now.AddMinutes(-5));
        var urgentLate = FleetCluster.NewOrder(warehouse, pick, drop, priority: 5, deadline: now.AddHours(2), createdAt: now);
        var urgentEarly = FleetCluster.NewOrder(warehouse, pick, drop, priority: 5, deadline: now.AddHours(1), createdAt: now);
        using var completions = kafka.Record(kafka.CompletionsTopic);
        await kafka.ProduceAsync(warehouse, new[] { low, lowerNewer, urgentNoDeadline, urgentLate, urgentEarly }.Select(FleetJson.Serialize));

        // All waiting before the only robot starts: then the order they are served in is the scheduler's alone.
        var scheduler = kafka.Fleet.Scheduler(warehouse);
        await Eventually.AssertAsync(async () => await scheduler.GetQueueDepth() == 5, Deadline, "all five orders should wait for a robot");
        await kafka.Fleet.StartSimulatedAsync(warehouse, new GridPoint(0, 0));

        await Eventually.AssertAsync(() => completions.Snapshot().Count >= 5, Deadline, "all five orders should complete");
        var served = completions.Snapshot().Select(m => JsonSerializer.Deserialize<TaskCompleted>(m.Value, FleetJson.Options)!.OrderId);
        Assert.Equal(new[] { urgentEarly, urgentLate, urgentNoDeadline, low, lowerNewer }.Select(o => o.OrderId), served);
    }
}
