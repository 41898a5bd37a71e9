using System.Text;
using System.Text.Json;
using MultiAgent.Grains.Fleet;
using MultiAgent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MultiAgent.Tests.Fleet.Kafka;

/// <summary>
/// Every kind of bad order an outside producer can write ends in the orders' dead-letter topic with a reason
/// naming what is wrong and the original message, and the partition goes on: a valid order written after
/// them completes, and a duplicate of it is acknowledged without being executed again.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class OrderDeadLetterTests(KafkaDevBroker broker, ITestOutputHelper output) : KafkaFleetTest(broker)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Each_bad_order_is_dead_lettered_with_its_reason_and_the_orders_after_it_complete_once()
    {
        var kafka = Kafka;
        var warehouse = await kafka.Fleet.NewWarehouseAsync(); // 20 × 20
        var robot = await kafka.Fleet.StartSimulatedAsync(warehouse, new GridPoint(0, 0));
        string Valid(string id, string more = "") =>
            $$"""{"orderId":"{{id}}","warehouseId":"{{warehouse}}","sku":"SKU-1","pickLocation":{"x":2,"y":2},"dropLocation":{"x":3,"y":3},"priority":1{{more}}}""";

        // Each bad message carries a marker of its own (in its orderId, or its sku when the id is what is wrong).
        var bad = new BadOrder[]
        {
            new("malformed-json", $$"""{"orderId":"{{warehouse}}-malformed-json","warehouseId":"{{warehouse}}","sku":""", "JSON"),
            new("location-not-an-object", Valid($"{warehouse}-location-not-an-object").Replace("""{"x":2,"y":2}""", "\"A-12\"", StringComparison.Ordinal), "pickLocation"),
            new("coordinate-a-string", Valid($"{warehouse}-coordinate-a-string").Replace("""{"x":3,"y":3}""", """{"x":"3","y":3}""", StringComparison.Ordinal), "dropLocation"),
            new("no-order-id", Valid("x").Replace("\"orderId\":\"x\",", "", StringComparison.Ordinal).Replace("SKU-1", "SKU-no-order-id", StringComparison.Ordinal), "orderId"),
            new("no-warehouse-id", Valid($"{warehouse}-no-warehouse-id").Replace($"\"warehouseId\":\"{warehouse}\",", "", StringComparison.Ordinal), "warehouseId"),
            new("off-the-grid", Valid($"{warehouse}-off-the-grid").Replace("""{"x":2,"y":2}""", """{"x":20,"y":0}""", StringComparison.Ordinal), "pickLocation"),
            new("priority-zero", Valid($"{warehouse}-priority-zero").Replace("\"priority\":1", "\"priority\":0", StringComparison.Ordinal), "priority"),
            new("priority-negative", Valid($"{warehouse}-priority-negative").Replace("\"priority\":1", "\"priority\":-2", StringComparison.Ordinal), "priority"),
            new("deadline-past", Valid($"{warehouse}-deadline-past", more: ",\"deadline\":\"2020-01-01T00:00:00Z\""), "deadline"),
        };
        Assert.All(bad, b => Assert.Contains(b.Marker, b.Json, StringComparison.Ordinal));
        Assert.Contains("\"deadline\":\"2020-01-01T00:00:00Z\"", bad[^1].Json, StringComparison.Ordinal);
        var first = $"{warehouse}-valid-1";
        var second = $"{warehouse}-valid-2";

        // All on one partition (key = warehouse id), in this order: the bad ones, then a valid order, its duplicate, another.
        using var deadLetters = kafka.Record(kafka.DeadLetterTopic);
        using var completions = kafka.Record(kafka.CompletionsTopic);
        await kafka.ProduceAsync(warehouse, [.. bad.Select(b => Encoding.UTF8.GetBytes(b.Json)), Encoding.UTF8.GetBytes(Valid(first)), Encoding.UTF8.GetBytes(Valid(first)), Encoding.UTF8.GetBytes(Valid(second))]);

        var scheduler = kafka.Fleet.Scheduler(warehouse);
        await Eventually.AssertAsync(
            async () => (await scheduler.GetOrderStatus(first)).Status == OrderStatus.Completed && (await scheduler.GetOrderStatus(second)).Status == OrderStatus.Completed,
            Deadline,
            "the valid orders after the bad ones should complete");

        await Eventually.AssertAsync(() => deadLetters.Snapshot().Count >= bad.Length, Deadline, $"all {bad.Length} bad orders should be dead-lettered");
        await deadLetters.WaitForQuietAsync(TimeSpan.FromSeconds(2), Deadline);
        var letters = deadLetters.Snapshot();
        foreach (var letter in letters)
        {
            output.WriteLine($"{letter.Header("dlq-reason")}\n    {letter.Text}");
        }

        Assert.Equal(bad.Length, letters.Count);
        foreach (var order in bad)
        {
            var letter = Assert.Single(letters, l => l.Text.Contains(order.Marker, StringComparison.Ordinal));
            Assert.Equal(order.Json, letter.Text); // the original message, byte for byte
            Assert.Contains(order.Field, letter.Header("dlq-reason"), StringComparison.Ordinal);
            Assert.Equal(kafka.OrdersTopic, letter.Header("dlq-topic"));
            Assert.Equal(warehouse, letter.Key);
        }

        // The duplicate was acknowledged (not dead-lettered) and not executed again; asked again, the scheduler says it is done.
        var again = await scheduler.SubmitOrder(JsonSerializer.Deserialize<Order>(Valid(first), FleetJson.Options)!);
        Assert.Equal(OrderStatus.Completed, again.Status);
        Assert.Equal(2, (await robot.GetSnapshot()).TasksCompleted);
        await Eventually.AssertAsync(() => completions.Snapshot().Count >= 2, Deadline, "both completions should reach the completions topic");
        await completions.WaitForQuietAsync(TimeSpan.FromSeconds(1), Deadline);
        var completed = completions.Snapshot().Select(m => JsonSerializer.Deserialize<TaskCompleted>(m.Value, FleetJson.Options)!.OrderId).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { first, second }, completed);
        Assert.Equal(2, (await kafka.Fleet.Statistics(warehouse).GetStatistics()).TasksCompleted);
    }

    /// <param name="Field">What the reason must name.</param>
    private sealed record BadOrder(string Marker, string Json, string Field);
}
