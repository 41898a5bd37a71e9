using System.Globalization;
using System.Text.Json;

namespace MultiAgent.Grains.Fleet.Validation;

/// <summary>
/// Turns the raw bytes of a Kafka message into an <see cref="Order"/>, or into every reason it is not
/// one, each naming its field — the text that goes to <c>orders.dlq</c>. Reads a <see cref="JsonDocument"/>
/// rather than deserializing, so a wrong type is reported per member instead of as one exception, and
/// collects all problems at once so a producer can fix them in one go.
/// </summary>
public static class OrderValidator
{
    private const int MaxShownValueLength = 40;

    /// <param name="layout">The warehouse the message was routed to; null skips the grid and warehouse checks.</param>
    /// <param name="now">For the deadline check and the default <c>createdAt</c>.</param>
    public static OrderValidationResult Validate(ReadOnlySpan<byte> json, WarehouseLayout? layout, DateTimeOffset now)
    {
        if (json.IsEmpty)
        {
            return Invalid(OrderFields.Root, "the message is empty; an order is a JSON object.");
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json);
            document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                // Unreachable in practice (the reader throws on trailing data), kept as a guard.
                document.Dispose();
                return Invalid(OrderFields.Root, "malformed JSON: more than one value in the message.");
            }
        }
        catch (JsonException e)
        {
            // Parsing is the one place System.Text.Json only reports by exception; valid orders never get here.
            return Invalid(OrderFields.Root, DescribeMalformed(e));
        }

        using (document)
        {
            return ValidateDocument(document.RootElement, layout, now);
        }
    }

    /// <summary>The same value rules for an order that arrived already typed (client API, agents' tools).</summary>
    public static OrderValidationResult Validate(Order order, WarehouseLayout? layout, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        var errors = new List<OrderValidationError>();
        OrderRules.CheckId(OrderFields.OrderId, order.OrderId, errors);
        OrderRules.CheckId(OrderFields.WarehouseId, order.WarehouseId, errors);
        OrderRules.CheckWarehouse(order.WarehouseId ?? string.Empty, layout, errors);
        OrderRules.CheckId(OrderFields.Sku, order.Sku, errors);
        OrderRules.CheckLocation(OrderFields.PickLocation, order.PickLocation, layout, errors);
        OrderRules.CheckLocation(OrderFields.DropLocation, order.DropLocation, layout, errors);
        OrderRules.CheckPriority(order.Priority, errors);
        OrderRules.CheckDeadline(order.Deadline, now, errors);
        return errors.Count == 0 ? OrderValidationResult.Valid(order) : OrderValidationResult.Invalid(errors);
    }

    private static OrderValidationResult ValidateDocument(JsonElement root, WarehouseLayout? layout, DateTimeOffset now)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid(OrderFields.Root, $"expected a JSON object, got {Describe(root)}.");
        }

        var errors = new List<OrderValidationError>();
        var members = FindMembers(root, errors);

        var orderId = ReadId(OrderFields.OrderId, members[0], errors);
        var warehouseId = ReadId(OrderFields.WarehouseId, members[1], errors);
        var sku = ReadId(OrderFields.Sku, members[2], errors);
        var pick = ReadLocation(OrderFields.PickLocation, members[3], layout, errors);
        var drop = ReadLocation(OrderFields.DropLocation, members[4], layout, errors);
        var priority = ReadPriority(members[5], errors);
        var deadline = ReadTimestamp(OrderFields.Deadline, members[6], errors);
        var createdAt = ReadTimestamp(OrderFields.CreatedAt, members[7], errors) ?? now;

        if (warehouseId is not null)
        {
            OrderRules.CheckWarehouse(warehouseId, layout, errors);
        }

        OrderRules.CheckDeadline(deadline, now, errors);

        if (errors.Count > 0)
        {
            return OrderValidationResult.Invalid(errors);
        }

        return OrderValidationResult.Valid(new Order(orderId!, warehouseId!, sku!, pick!.Value, drop!.Value, priority, deadline, createdAt));
    }

    /// <summary>The known members by <see cref="OrderFields.All"/> index, matched case-insensitively like the stream provider; unknown members are ignored.</summary>
    private static JsonElement?[] FindMembers(JsonElement root, List<OrderValidationError> errors)
    {
        var found = new JsonElement?[OrderFields.All.Length];
        foreach (var property in root.EnumerateObject())
        {
            var index = IndexOf(property.Name, OrderFields.All);
            if (index < 0)
            {
                continue;
            }

            if (found[index] is not null)
            {
                // Readers disagree on which duplicate wins; refusing is the only unambiguous answer.
                errors.Add(new(OrderFields.All[index], "appears more than once."));
                continue;
            }

            found[index] = property.Value;
        }

        return found;
    }

    private static string? ReadId(string field, JsonElement? member, List<OrderValidationError> errors)
    {
        if (member is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new(field, "is missing."));
            return null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add(new(field, $"expected a string, got {Describe(element)}."));
            return null;
        }

        var value = element.GetString()!;
        var before = errors.Count;
        OrderRules.CheckId(field, value, errors);
        return errors.Count == before ? value : null;
    }

    private static GridPoint? ReadLocation(string field, JsonElement? member, WarehouseLayout? layout, List<OrderValidationError> errors)
    {
        if (member is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new(field, "is missing; expected {\"x\": <int>, \"y\": <int>}."));
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(field, $"expected an object {{\"x\": <int>, \"y\": <int>}}, got {Describe(element)}."));
            return null;
        }

        JsonElement? xMember = null, yMember = null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals("x", StringComparison.OrdinalIgnoreCase))
            {
                xMember ??= property.Value;
            }
            else if (property.Name.Equals("y", StringComparison.OrdinalIgnoreCase))
            {
                yMember ??= property.Value;
            }
        }

        var x = ReadInt(field + ".x", xMember, errors);
        var y = ReadInt(field + ".y", yMember, errors);
        if (x is null || y is null)
        {
            return null;
        }

        var point = new GridPoint(x.Value, y.Value);
        var before = errors.Count;
        OrderRules.CheckLocation(field, point, layout, errors);
        return errors.Count == before ? point : null;
    }

    private static int? ReadInt(string field, JsonElement? member, List<OrderValidationError> errors)
    {
        if (member is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new(field, "is missing."));
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var value))
        {
            errors.Add(new(field, $"expected an integer, got {Describe(element)}."));
            return null;
        }

        return value;
    }

    /// <summary>Absent or null means normal priority: producers need not know the scale to send an order.</summary>
    private static int ReadPriority(JsonElement? member, List<OrderValidationError> errors)
    {
        if (member is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return Order.DefaultPriority;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var priority))
        {
            errors.Add(new(OrderFields.Priority, $"expected a positive integer, got {Describe(element)}."));
            return Order.DefaultPriority;
        }

        OrderRules.CheckPriority(priority, errors);
        return priority;
    }

    /// <summary>
    /// ISO 8601 with an explicit offset: a bare local time would be read in the consuming silo's time
    /// zone, which differs between machines — so it is rejected rather than guessed.
    /// </summary>
    private static DateTimeOffset? ReadTimestamp(string field, JsonElement? member, List<OrderValidationError> errors)
    {
        if (member is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.String || !element.TryGetDateTimeOffset(out var value))
        {
            errors.Add(new(field, $"expected an ISO 8601 date-time string such as \"2030-01-01T15:00:00Z\", got {Describe(element)}."));
            return null;
        }

        if (!HasExplicitOffset(element.GetString()!))
        {
            errors.Add(new(field, $"{Describe(element)} has no UTC offset; add 'Z' or e.g. '+02:00'."));
            return null;
        }

        return value;
    }

    private static bool HasExplicitOffset(string text)
    {
        var time = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (time < 0)
        {
            return false; // a date alone has no offset
        }

        var tail = text.AsSpan(time);
        return tail.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || tail.IndexOfAny('+', '-') >= 0;
    }

    private static int IndexOf(string name, string[] candidates)
    {
        for (var i = 0; i < candidates.Length; i++)
        {
            if (name.Equals(candidates[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>What a producer sent, for the message: kind and a short excerpt.</summary>
    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string {Excerpt(element.GetRawText())}",
        JsonValueKind.Number => $"the number {Excerpt(element.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => element.ValueKind.ToString(),
    };

    private static string Excerpt(string raw) => raw.Length <= MaxShownValueLength ? raw : raw[..MaxShownValueLength] + "…";

    private static string DescribeMalformed(JsonException e)
    {
        // STJ appends its own "LineNumber: 0 | BytePositionInLine: 5." in zero-based form; say it once, one-based.
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        var where = e.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $" at line {line + 1}, byte {(e.BytePositionInLine ?? 0) + 1}")
            : string.Empty;
        return $"malformed JSON{where}: {message}";
    }

    private static OrderValidationResult Invalid(string field, string message) => OrderValidationResult.Invalid([new OrderValidationError(field, message)]);
}
