using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiAgent.Runtime.Storage;

/// <summary>
/// Turns grain state into bytes and back for storage providers. Replace the registered
/// singleton to change the format for every provider at once.
/// </summary>
public interface IGrainStateSerializer
{
    /// <summary>Returns a new array the caller owns (providers keep it as the stored copy).</summary>
    byte[] Serialize<T>(T value);

    T Deserialize<T>(ReadOnlySpan<byte> data);
}

/// <summary>
/// System.Text.Json: public fields included, enums as strings (stable across reordering),
/// property names matched case-insensitively (tolerant of hand-edited or older records).
/// </summary>
public sealed class JsonGrainStateSerializer : IGrainStateSerializer
{
    private readonly JsonSerializerOptions _options;

    public JsonGrainStateSerializer()
        : this(CreateDefaultOptions())
    {
    }

    public JsonGrainStateSerializer(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The defaults, as a starting point for a customised serializer.</summary>
    public static JsonSerializerOptions CreateDefaultOptions() => new()
    {
        IncludeFields = true,
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, _options);

    // A stored JSON null comes back as null: it is what the grain wrote.
    public T Deserialize<T>(ReadOnlySpan<byte> data) => JsonSerializer.Deserialize<T>(data, _options)!;
}
