using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>Reads and writes one grain reference type as <c>{"id":"type/key","interface":"Full.Name"}</c>.</summary>
internal sealed class GrainReferenceJsonConverter<T>(GrainReferenceBinder references) : JsonConverter<T>
    where T : class
{
    private static readonly JsonEncodedText IdProperty = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText InterfaceProperty = JsonEncodedText.Encode("interface");

    public override bool HandleNull => false;

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        var (grainId, interfaceName) = GrainReferenceCodec<T>.Describe(value);
        writer.WriteStartObject();
        writer.WriteString(IdProperty, grainId.ToString());
        writer.WriteString(InterfaceProperty, interfaceName);
        writer.WriteEndObject();
    }

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A grain reference must be a JSON object {{\"id\":...,\"interface\":...}}, not {reader.TokenType}.");
        }

        string? id = null;
        string? interfaceName = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isId = reader.ValueTextEquals(IdProperty.EncodedUtf8Bytes);
            var isInterface = !isId && reader.ValueTextEquals(InterfaceProperty.EncodedUtf8Bytes);
            reader.Read();
            if (isId)
            {
                id = reader.GetString();
            }
            else if (isInterface)
            {
                interfaceName = ReadName(ref reader);
            }
            else
            {
                reader.Skip(); // a newer sender may add fields
            }
        }

        if (id is null || interfaceName is null)
        {
            throw new JsonException("A grain reference needs both \"id\" and \"interface\".");
        }

        GrainId grainId;
        try
        {
            grainId = GrainId.Parse(id);
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message, e);
        }

        return GrainReferenceCodec<T>.Bind(references, grainId, interfaceName);
    }

    // Interface names repeat in every reference: share one string per name, as for top-level references.
    private static string? ReadName(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence
            ? Utf8StringCache.Shared.GetOrAdd(reader.ValueSpan, CodecContext.StrictUtf8)
            : reader.GetString();
}
