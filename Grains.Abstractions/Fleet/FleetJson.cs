using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiAgent.Grains.Fleet;

/// <summary>
/// The documented JSON form of fleet contracts for outside Kafka clients (orders in, completions out):
/// camelCase members, enums as camelCase names, dates as ISO 8601 with offset. Reading is
/// case-insensitive, like the stream provider's, so its PascalCase form reads back too.
/// </summary>
public static class FleetJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

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
