using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MultiAgent.Grains.Fleet;
using MultiAgent.Grains.Fleet.Validation;

namespace MultiAgent.Tests.Fleet.Contracts;

public sealed class FleetJsonTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Order Sample = new(
        "o-1001", "wh-1", "SKU-123", new GridPoint(4, 7), new GridPoint(0, 12), 5,
        new DateTimeOffset(2030, 1, 1, 15, 0, 0, TimeSpan.FromHours(2)), new DateTimeOffset(2030, 1, 1, 11, 59, 0, TimeSpan.Zero));

    [Fact]
    public void The_documented_shape_is_camel_case_with_nested_points_and_iso_dates()
    {
        var json = JsonNode.Parse(FleetJson.Serialize(Sample))!.AsObject();

        Assert.Equal(
            ["orderId", "warehouseId", "sku", "pickLocation", "dropLocation", "priority", "deadline", "createdAt"],
            json.Select(p => p.Key));
        Assert.Equal("o-1001", (string?)json["orderId"]);
        Assert.Equal(4, (int?)json["pickLocation"]!["x"]);
        Assert.Equal(7, (int?)json["pickLocation"]!["y"]);
        Assert.Equal("2030-01-01T15:00:00+02:00", (string?)json["deadline"]);
        Assert.Equal("2030-01-01T11:59:00+00:00", (string?)json["createdAt"]);
    }

    [Fact]
    public void What_the_serializer_writes_the_validator_reads_back_unchanged()
    {
        var result = OrderValidator.Validate(FleetJson.Serialize(Sample), layout: null, Now);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(Sample, result.Order);
    }

    [Fact]
    public void An_order_without_a_deadline_round_trips_with_null()
    {
        var noDeadline = Sample with { Deadline = null };
        var bytes = FleetJson.Serialize(noDeadline);

        Assert.Contains("\"deadline\":null", Encoding.UTF8.GetString(bytes));
        Assert.Equal(noDeadline, OrderValidator.Validate(bytes, null, Now).Order);
        Assert.Equal(noDeadline, JsonSerializer.Deserialize<Order>(bytes, FleetJson.Options));
    }

    [Fact]
    public void The_stream_providers_default_pascal_case_form_reads_back_too()
    {
        // Like the provider's wire options: no naming policy on write, case-insensitive on read.
        var provider = new JsonSerializerOptions { PropertyNameCaseInsensitive = true, Converters = { new JsonStringEnumConverter() } };
        var pascal = JsonSerializer.SerializeToUtf8Bytes(Sample, provider);

        Assert.Equal(Sample, JsonSerializer.Deserialize<Order>(pascal, FleetJson.Options));
        Assert.Equal(Sample, OrderValidator.Validate(pascal, null, Now).Order);
        Assert.Equal(Sample, JsonSerializer.Deserialize<Order>(FleetJson.Serialize(Sample), provider));
    }

    [Fact]
    public void Events_round_trip_and_enums_are_written_as_names()
    {
        var snapshot = new RobotSnapshot("r-1", "wh-1", RobotMode.External, new GridPoint(1, 2), 0.75, RobotStatus.Charging, null, Now, 12, 1, TimeSpan.FromMinutes(3));
        var completed = new TaskCompleted("o-1", "o-1", "r-1", "wh-1", Now, Now.AddMilliseconds(8), Now.AddSeconds(30), Attempt: 2, DistanceTravelled: 17);

        var snapshotJson = JsonSerializer.Serialize(snapshot, FleetJson.Options);
        var completedJson = JsonSerializer.Serialize(completed, FleetJson.Options);

        Assert.Contains("\"status\":\"charging\"", snapshotJson);
        Assert.Contains("\"mode\":\"external\"", snapshotJson);
        Assert.Equal(snapshot, JsonSerializer.Deserialize<RobotSnapshot>(snapshotJson, FleetJson.Options));
        Assert.Equal(completed, JsonSerializer.Deserialize<TaskCompleted>(completedJson, FleetJson.Options));
        Assert.DoesNotContain("orderToAssign", completedJson); // derived, not part of the event
    }
}
