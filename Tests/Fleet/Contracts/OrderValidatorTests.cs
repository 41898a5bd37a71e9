using System.Text;
using MultiAgent.Grains.Fleet;
using MultiAgent.Grains.Fleet.Validation;

namespace MultiAgent.Tests.Fleet.Contracts;

public sealed class OrderValidatorTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly WarehouseLayout Layout = new("wh-1", Width: 32, Height: 16, [new(1, 1)], [new(30, 15)], [new(0, 0)]);

    private const string ValidOrder = """
        {
          "orderId": "o-1001",
          "warehouseId": "wh-1",
          "sku": "SKU-123",
          "pickLocation": { "x": 4, "y": 7 },
          "dropLocation": { "x": 31, "y": 15 },
          "priority": 5,
          "deadline": "2030-01-01T15:00:00Z",
          "createdAt": "2030-01-01T11:59:58+00:00",
          "note": "unknown members are ignored"
        }
        """;

    [Fact]
    public void A_valid_order_passes_with_every_field_read()
    {
        var result = Validate(ValidOrder);

        Assert.True(result.IsValid, result.Reason);
        Assert.Empty(result.Errors);
        Assert.Equal(
            new Order("o-1001", "wh-1", "SKU-123", new GridPoint(4, 7), new GridPoint(31, 15), 5, new DateTimeOffset(2030, 1, 1, 15, 0, 0, TimeSpan.Zero), Now.AddSeconds(-2)),
            result.Order);
    }

    [Fact]
    public void Optional_fields_default_priority_to_normal_no_deadline_and_created_now()
    {
        var result = Validate("""{"orderId":"o-1","warehouseId":"wh-1","sku":"S","pickLocation":{"x":0,"y":0},"dropLocation":{"x":1,"y":1},"deadline":null}""");

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(Order.DefaultPriority, result.Order.Priority);
        Assert.Null(result.Order.Deadline);
        Assert.Equal(Now, result.Order.CreatedAt);
    }

    [Fact]
    public void Member_names_are_matched_case_insensitively_like_the_stream_provider()
    {
        var pascal = """{"OrderId":"o-1","WarehouseId":"wh-1","Sku":"S","PickLocation":{"X":2,"Y":3},"DropLocation":{"X":1,"Y":1},"Priority":2,"CreatedAt":"2030-01-01T11:00:00Z"}""";

        var result = Validate(pascal);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(new GridPoint(2, 3), result.Order.PickLocation);
    }

    [Theory]
    [InlineData("""{"orderId": "o-1", "warehouseId": }""", "line 1, byte 35")]
    [InlineData("{\n  \"orderId\": \"o-1\",\n  \"sku\": 'x'\n}", "line 3, byte 10")]
    [InlineData("""{"orderId": "o-1"}{"orderId": "o-2"}""", "line 1, byte 19")]
    [InlineData("""{"orderId": "o-1" """, "line 1")]
    [InlineData("not json", "line 1, byte 2")] // "n" could start null: "o" is where it fails
    public void Malformed_json_is_reported_on_the_root_with_its_position(string json, string position)
    {
        var error = Assert.Single(Validate(json).Errors);

        Assert.Equal("$", error.Field);
        Assert.Contains("malformed JSON", error.Message);
        Assert.Contains(position, error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("[1, 2]", "an array")]
    [InlineData("null", "null")]
    [InlineData("\"o-1\"", "the string \"o-1\"")]
    public void A_message_that_is_not_an_object_is_reported_on_the_root(string json, string described)
    {
        var error = Assert.Single(Validate(json).Errors);

        Assert.Equal("$", error.Field);
        Assert.Contains(described, error.Message);
    }

    [Theory]
    [InlineData("orderId", null, "is missing")]
    [InlineData("orderId", "\"\"", "is empty")]
    [InlineData("orderId", "\"   \"", "is empty")]
    [InlineData("orderId", "42", "expected a string, got the number 42")]
    [InlineData("warehouseId", null, "is missing")]
    [InlineData("warehouseId", "\"\"", "is empty")]
    [InlineData("warehouseId", "\"wh-2\"", "does not match the warehouse 'wh-1'")]
    [InlineData("sku", null, "is missing")]
    [InlineData("sku", "null", "is missing")]
    [InlineData("sku", "[\"a\"]", "expected a string, got an array")]
    [InlineData("priority", "\"high\"", "expected a positive integer, got the string \"high\"")]
    [InlineData("priority", "2.5", "got the number 2.5")]
    [InlineData("priority", "true", "got the boolean true")]
    [InlineData("priority", "0", "must be a positive integer")]
    [InlineData("priority", "-3", "got -3")]
    [InlineData("priority", "99999999999", "expected a positive integer")]
    [InlineData("pickLocation", null, "is missing")]
    [InlineData("pickLocation", "\"A-12\"", "expected an object")]
    [InlineData("pickLocation", "{\"x\": 32, \"y\": 0}", "(32, 0) is outside the 32 × 16 grid of warehouse 'wh-1'")]
    [InlineData("pickLocation", "{\"x\": 0, \"y\": 16}", "outside the 32 × 16 grid")]
    [InlineData("pickLocation", "{\"x\": -1, \"y\": 0}", "(-1, 0) is off the grid")]
    [InlineData("dropLocation", "{\"x\": 100, \"y\": 100}", "outside the 32 × 16 grid")]
    [InlineData("deadline", "\"2029-12-31T23:59:59Z\"", "is in the past")]
    [InlineData("deadline", "\"tomorrow\"", "expected an ISO 8601 date-time")]
    [InlineData("deadline", "1893456000", "expected an ISO 8601 date-time")]
    [InlineData("deadline", "\"2030-01-01T15:00:00\"", "has no UTC offset")]
    [InlineData("deadline", "\"2030-01-02\"", "has no UTC offset")]
    [InlineData("createdAt", "\"yesterday\"", "expected an ISO 8601 date-time")]
    public void Each_bad_field_gives_one_error_naming_that_field(string field, string? json, string message)
    {
        var result = Validate(WithField(field, json));

        Assert.False(result.IsValid);
        Assert.Null(result.Order);
        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
        Assert.StartsWith(field + ": ", result.Reason);
    }

    [Theory]
    [InlineData("{\"x\": \"4\", \"y\": 7}", "pickLocation.x", "expected an integer, got the string \"4\"")]
    [InlineData("{\"x\": 4}", "pickLocation.y", "is missing")]
    [InlineData("{\"x\": 4, \"y\": 7.5}", "pickLocation.y", "expected an integer")]
    public void A_bad_coordinate_names_the_coordinate(string location, string field, string message)
    {
        var error = Assert.Single(Validate(WithField("pickLocation", location)).Errors);

        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = Validate("""{"orderId":"","sku":7,"pickLocation":{"x":99,"y":0},"dropLocation":{"x":1,"y":1},"priority":"high","deadline":"2000-01-01T00:00:00Z"}""");

        Assert.Equal(["orderId", "warehouseId", "sku", "pickLocation", "priority", "deadline"], result.Errors.Select(e => e.Field));
        Assert.Equal(result.Errors.Count, result.Reason.Split("; ").Length);
    }

    [Fact]
    public void A_field_given_twice_is_refused_rather_than_guessed()
    {
        var json = ValidOrder.Replace("\"priority\": 5,", "\"priority\": 5, \"Priority\": 1,", StringComparison.Ordinal);

        var error = Assert.Single(Validate(json).Errors);

        Assert.Equal("priority", error.Field);
        Assert.Contains("more than once", error.Message);
    }

    [Fact]
    public void Without_a_layout_only_the_grid_independent_rules_apply()
    {
        var json = WithField("pickLocation", "{\"x\": 500, \"y\": 500}").Replace("wh-1", "wh-9", StringComparison.Ordinal);

        var result = OrderValidator.Validate(Encoding.UTF8.GetBytes(json), layout: null, Now);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal("wh-9", result.Order.WarehouseId);
    }

    [Fact]
    public void A_typed_order_gets_the_same_rules()
    {
        var order = new Order("o-1", "wh-1", "", new GridPoint(40, 0), new GridPoint(1, 1), 0, Now.AddMinutes(-1), Now);

        var result = OrderValidator.Validate(order, Layout, Now);

        Assert.Equal(["sku", "pickLocation", "priority", "deadline"], result.Errors.Select(e => e.Field));
        Assert.True(OrderValidator.Validate(order with { Sku = "S", PickLocation = new(3, 3), Priority = 2, Deadline = null }, Layout, Now).IsValid);
    }

    [Fact]
    public void An_id_longer_than_the_limit_is_refused()
    {
        var error = Assert.Single(Validate(WithField("orderId", $"\"{new string('o', Order.MaxIdLength + 1)}\"")).Errors);

        Assert.Equal("orderId", error.Field);
        Assert.Contains($"at most {Order.MaxIdLength}", error.Message);
    }

    private static OrderValidationResult Validate(string json) => OrderValidator.Validate(Encoding.UTF8.GetBytes(json), Layout, Now);

    /// <summary>The valid order with <paramref name="field"/> replaced by <paramref name="json"/>, or removed when it is null.</summary>
    private static string WithField(string field, string? json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(ValidOrder)!.AsObject();
        node.Remove(field);
        if (json is not null)
        {
            node[field] = System.Text.Json.Nodes.JsonNode.Parse(json);
        }

        return node.ToJsonString();
    }
}
