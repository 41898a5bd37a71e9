namespace MultiAgent.Grains.Fleet;

/// <summary>
/// A customer order: bring <paramref name="Sku"/> from <paramref name="PickLocation"/> to
/// <paramref name="DropLocation"/>. Produced as JSON to the Kafka topic <c>orders</c> with the
/// warehouse id as the message key (so one warehouse's orders stay in order on one partition).
/// </summary>
/// <remarks>
/// The JSON shape is camelCase (<see cref="FleetJson"/> writes it; readers are case-insensitive):
/// <code>
/// {
///   "orderId": "o-1001",                     // required, non-empty, ≤ 200 chars; idempotency key
///   "warehouseId": "wh-1",                   // required; equals the message key
///   "sku": "SKU-123",                        // required
///   "pickLocation": { "x": 4, "y": 7 },      // required, on the warehouse grid
///   "dropLocation": { "x": 0, "y": 12 },     // required, on the warehouse grid
///   "priority": 5,                           // optional integer ≥ 1 (default 1); higher goes first
///   "deadline": "2030-01-01T15:00:00Z",      // optional ISO 8601 with offset; null/absent = none
///   "createdAt": "2030-01-01T14:00:00Z"      // optional ISO 8601 with offset; absent = when accepted
/// }
/// </code>
/// Unknown members are ignored, so producers may add fields.
/// </remarks>
/// <param name="Priority">1 is normal; higher is more urgent. Absent in JSON: 1 (System.Text.Json uses the parameter's default).</param>
/// <param name="Deadline">When the drop should be done by; orders with one go before equal-priority orders without.</param>
/// <param name="CreatedAt">When the order was placed: order→assign and order→complete latencies are measured from here.</param>
public sealed record Order(
    string OrderId,
    string WarehouseId,
    string Sku,
    GridPoint PickLocation,
    GridPoint DropLocation,
    int Priority = Order.DefaultPriority,
    DateTimeOffset? Deadline = null,
    DateTimeOffset CreatedAt = default)
{
    public const int DefaultPriority = 1;

    /// <summary>Ids are Kafka keys and grain keys: long ones are a mistake, not data.</summary>
    public const int MaxIdLength = 200;
}
