namespace MultiAgent.Grains.Fleet.Validation;

/// <summary>
/// The value rules of an order, shared by the JSON edge and already-typed orders (client API, agents),
/// so both reject the same things with the same words.
/// </summary>
internal static class OrderRules
{
    public static void CheckId(string field, string? value, List<OrderValidationError> errors)
    {
        if (value is null)
        {
            errors.Add(new(field, "is missing."));
        }
        else if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, "is empty."));
        }
        else if (value.Length > Order.MaxIdLength)
        {
            errors.Add(new(field, $"is {value.Length} characters long; at most {Order.MaxIdLength} are allowed."));
        }
    }

    /// <summary>The message key routes the order to a warehouse's scheduler; a body naming another warehouse is a producer bug.</summary>
    public static void CheckWarehouse(string warehouseId, WarehouseLayout? layout, List<OrderValidationError> errors)
    {
        if (layout is not null && !string.IsNullOrWhiteSpace(warehouseId) && !string.Equals(warehouseId, layout.WarehouseId, StringComparison.Ordinal))
        {
            errors.Add(new(OrderFields.WarehouseId, $"'{warehouseId}' does not match the warehouse '{layout.WarehouseId}' this order was sent to."));
        }
    }

    public static void CheckLocation(string field, GridPoint point, WarehouseLayout? layout, List<OrderValidationError> errors)
    {
        if (point.X < 0 || point.Y < 0)
        {
            errors.Add(new(field, $"{point} is off the grid: coordinates start at 0."));
        }
        else if (layout is not null && !layout.Contains(point))
        {
            errors.Add(new(field, $"{point} is outside the {layout.Width} × {layout.Height} grid of warehouse '{layout.WarehouseId}' (x < {layout.Width}, y < {layout.Height})."));
        }
    }

    public static void CheckPriority(int priority, List<OrderValidationError> errors)
    {
        if (priority <= 0)
        {
            errors.Add(new(OrderFields.Priority, $"must be a positive integer (1 is normal), got {priority}."));
        }
    }

    public static void CheckDeadline(DateTimeOffset? deadline, DateTimeOffset now, List<OrderValidationError> errors)
    {
        if (deadline is { } value && value < now)
        {
            errors.Add(new(OrderFields.Deadline, $"{value:O} is in the past (now is {now:O})."));
        }
    }
}
