using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiAgent.Grains.Fleet;

/// <summary>
/// The documented JSON form of fleet contracts on Kafka: camelCase members, enums as names,
/// dates as ISO 8601 with offset. Reading is case-insensitive, like the stream provider's.
/// </summary>
public static class OrderJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static byte[] Serialize(Order order) => JsonSerializer.SerializeToUtf8Bytes(order, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = true,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
