namespace MultiAgent.Grains.Fleet.Validation;

/// <summary>The member names of an order's JSON (camelCase), as used in error messages.</summary>
public static class OrderFields
{
    public const string OrderId = "orderId";
    public const string WarehouseId = "warehouseId";
    public const string Sku = "sku";
    public const string PickLocation = "pickLocation";
    public const string DropLocation = "dropLocation";
    public const string Priority = "priority";
    public const string Deadline = "deadline";
    public const string CreatedAt = "createdAt";

    /// <summary>The message as a whole (malformed JSON, not an object).</summary>
    public const string Root = "$";

    internal static readonly string[] All = [OrderId, WarehouseId, Sku, PickLocation, DropLocation, Priority, Deadline, CreatedAt];
}
