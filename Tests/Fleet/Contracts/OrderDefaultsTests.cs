using System.Text.Json;
using MultiAgent.Grains.Fleet;

namespace MultiAgent.Tests.Fleet.Contracts;

public sealed class OrderDefaultsTests
{
    [Fact]
    public void An_order_without_priority_deadline_or_creation_time_decodes_with_the_contract_defaults()
    {
        const string json = """{"orderId":"o-1","warehouseId":"wh-1","sku":"SKU-1","pickLocation":{"x":1,"y":2},"dropLocation":{"x":3,"y":4}}""";

        // As the stream provider decodes: case-insensitive, unknown members ignored.
        var order = JsonSerializer.Deserialize<Order>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

        Assert.Equal(Order.DefaultPriority, order.Priority);
        Assert.Null(order.Deadline);
        Assert.Equal(default, order.CreatedAt);
    }
}
