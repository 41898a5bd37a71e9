using System.Text.Json.Serialization;

namespace MultiAgent.Grains.Fleet;

/// <summary>
/// Published by a robot on stream (<c>task-completions</c>, warehouse id) and on the Kafka topic of
/// the same name. Carries the order's timestamps so aggregators need no lookup to compute latencies.
/// </summary>
/// <param name="Attempt">Which assignment of the task finished it (see <see cref="RobotTask.Attempt"/>).</param>
public sealed record TaskCompleted(
    string TaskId,
    string OrderId,
    string RobotId,
    string WarehouseId,
    DateTimeOffset OrderCreatedAt,
    DateTimeOffset AssignedAt,
    DateTimeOffset CompletedAt,
    int Attempt = 1,
    int DistanceTravelled = 0)
{
    [JsonIgnore]
    public TimeSpan OrderToAssign => AssignedAt - OrderCreatedAt;

    [JsonIgnore]
    public TimeSpan OrderToComplete => CompletedAt - OrderCreatedAt;
}
