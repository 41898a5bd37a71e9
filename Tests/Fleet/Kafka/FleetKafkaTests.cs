using System.Text;
using System.Text.Json;
using MultiAgent.Grains.Fleet;
using MultiAgent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MultiAgent.Tests.Fleet.Kafka;

/// <summary>
/// The fleet on the Kafka stream provider: orders written to the orders topic by an outside Kafka client
/// (the documented camelCase JSON, key = warehouse id) become completed tasks, invalid ones are
/// dead-lettered with their reason, and completions come out on the completions topic.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class FleetKafkaTests(KafkaDevBroker broker, ITestOutputHelper output) : KafkaFleetTest(broker)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Orders_from_an_outside_producer_become_completed_tasks_once_and_completions_reach_the_completions_topic()
    {
        var grains = Kafka.Fleet.Grains;
        var warehouse = "wh-" + Guid.NewGuid().ToString("N")[..8];
        await grains.GetGrain<IWarehouseGrain>(warehouse).Configure(
            new WarehouseLayout(warehouse, 20, 20, [new(5, 5)], [new(15, 15)], [new(19, 19)]));
        var robots = new List<IRobotGrain>();
        for (var i = 0; i < 4; i++)
        {
            var robot = grains.GetGrain<IRobotGrain>($"{warehouse}-r-{i}");
            await robot.Start(warehouse, new GridPoint(i, 0), speed: 10, timeScale: 100); // a cell per millisecond
            robots.Add(robot);
        }

        // 47 distinct valid orders, one of them sent twice, and two invalid ones: 50 messages.
        var valid = Enumerable.Range(0, 47)
            .Select(i => new Order($"o-{warehouse}-{i}", warehouse, $"SKU-{i}", new GridPoint(i % 20, (i * 7) % 20), new GridPoint((i * 3) % 20, 19 - (i % 20)), 1 + (i % 3), null, DateTimeOffset.UtcNow))
            .ToList();
        var offGrid = valid[0] with { OrderId = $"o-{warehouse}-offgrid", PickLocation = new GridPoint(25, 3) };
        var offGridJson = FleetJson.Serialize(offGrid);
        var highPriorityJson = Encoding.UTF8.GetBytes(
            Encoding.UTF8.GetString(FleetJson.Serialize(valid[1] with { OrderId = $"o-{warehouse}-high" }))
                .Replace("\"priority\":2", "\"priority\":\"high\"", StringComparison.Ordinal));
        Assert.Contains("\"priority\":\"high\"", Encoding.UTF8.GetString(highPriorityJson));
        var messages = valid.Select(FleetJson.Serialize).ToList();
        messages.Insert(10, offGridJson);
        messages.Insert(20, messages[5]); // the duplicate of valid[5]
        messages.Insert(30, highPriorityJson);
        Assert.Equal(50, messages.Count);

        await Kafka.ProduceAsync(warehouse, messages);

        var scheduler = grains.GetGrain<ISchedulerGrain>(warehouse);
        await Eventually.AssertAsync(
            async () =>
            {
                foreach (var order in valid)
                {
                    if ((await scheduler.GetOrderStatus(order.OrderId)).Status != OrderStatus.Completed)
                    {
                        return false;
                    }
                }

                return true;
            },
            Deadline,
            "every valid order should be completed");

        // Executed once each, the duplicate included: robot counters and the statistics (fed back from the completions topic).
        var executed = 0L;
        foreach (var robot in robots)
        {
            executed += (await robot.GetSnapshot()).TasksCompleted;
        }

        Assert.Equal(valid.Count, executed);
        var statistics = grains.GetGrain<IFleetStatisticsGrain>(warehouse);
        await Eventually.AssertAsync(async () => (await statistics.GetStatistics()).TasksCompleted >= valid.Count, Deadline, "the statistics should count every completion");
        Assert.Equal(valid.Count, (await statistics.GetStatistics()).TasksCompleted);
        Assert.Equal(OrderStatus.Unknown, (await scheduler.GetOrderStatus(offGrid.OrderId)).Status);
        Assert.Equal(OrderStatus.Unknown, (await scheduler.GetOrderStatus($"o-{warehouse}-high")).Status);

        // Both invalid orders are dead-lettered at once with a reason naming the field, and the original message.
        using var deadLetters = Kafka.Record(Kafka.DeadLetterTopic);
        await Eventually.AssertAsync(() => deadLetters.Snapshot().Count >= 2, Deadline, "both invalid orders should be dead-lettered");
        await deadLetters.WaitForQuietAsync(TimeSpan.FromSeconds(2), Deadline);
        var dead = deadLetters.Snapshot();
        foreach (var letter in dead)
        {
            output.WriteLine($"dead-lettered after {letter.Header("dlq-attempts")} attempt(s): {letter.Header("dlq-reason")}");
        }

        Assert.Equal(2, dead.Count);
        var offGridLetter = Assert.Single(dead, d => d.Text.Contains(offGrid.OrderId, StringComparison.Ordinal));
        Assert.Contains("pickLocation", offGridLetter.Header("dlq-reason"));
        Assert.Equal("1", offGridLetter.Header("dlq-attempts"));
        Assert.Equal(Encoding.UTF8.GetString(offGridJson), offGridLetter.Text);
        var highLetter = Assert.Single(dead, d => d.Text.Contains($"o-{warehouse}-high", StringComparison.Ordinal));
        Assert.Contains("priority", highLetter.Header("dlq-reason"));
        Assert.Equal(Encoding.UTF8.GetString(highPriorityJson), highLetter.Text);
        Assert.All(dead, d => Assert.Equal(Kafka.OrdersTopic, d.Header("dlq-topic")));

        // An outside consumer of the completions topic sees exactly one TaskCompleted per valid order.
        using var completed = Kafka.Record(Kafka.CompletionsTopic);
        await Eventually.AssertAsync(() => completed.Snapshot().Count >= valid.Count, Deadline, "every completion should reach the completions topic");
        await completed.WaitForQuietAsync(TimeSpan.FromSeconds(3), Deadline);
        var completions = completed.Snapshot()
            .Select(m => (m.Key, Event: JsonSerializer.Deserialize<TaskCompleted>(m.Value, FleetJson.Options)!))
            .ToList();
        output.WriteLine($"{completions.Count} completions on {Kafka.CompletionsTopic}, e.g. {completions.FirstOrDefault().Event}");
        Assert.All(completions, c => Assert.Equal(warehouse, c.Key));
        Assert.All(completions, c => Assert.Equal(warehouse, c.Event.WarehouseId));
        Assert.Equal(valid.Select(o => o.OrderId).Order(StringComparer.Ordinal), completions.Select(c => c.Event.OrderId).Order(StringComparer.Ordinal));
    }
}
