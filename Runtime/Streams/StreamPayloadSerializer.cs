using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Messaging.Serialization;
using MultiAgent.Runtime.Metadata;

namespace MultiAgent.Runtime.Streams;

/// <summary>
/// Stream events as UTF-8 JSON, with the wire format's contract (tolerant of added and missing
/// members, grain references as ids): the same bytes travel in Kafka messages and in deliveries.
/// </summary>
internal sealed class StreamPayloadSerializer(GrainTypeManifest manifest, IServiceProvider services)
{
    private readonly Lazy<JsonSerializerOptions> _options = new(() => WireJsonOptions.Create(
        null, new GrainReferenceBinder(new ManifestWireMetadata(manifest), services.GetRequiredService<IGrainReferenceRuntime>)));

    public byte[] Serialize<T>(T item) => JsonSerializer.SerializeToUtf8Bytes(item, _options.Value);

    /// <summary>Decodes an event; a payload that does not fit <typeparamref name="T"/> throws a <see cref="JsonException"/> naming the problem.</summary>
    public T Deserialize<T>(ReadOnlySpan<byte> payload) =>
        JsonSerializer.Deserialize<T>(payload, _options.Value) ?? throw new JsonException($"The event is null; a {typeof(T).Name} was expected.");

    public object? Deserialize(ReadOnlySpan<byte> payload, Type type) => JsonSerializer.Deserialize(payload, type, _options.Value);
}
