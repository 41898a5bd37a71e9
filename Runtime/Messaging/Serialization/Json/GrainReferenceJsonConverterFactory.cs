using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>Grain references nested in contracts: <c>{"id":"type/key","interface":"Full.Name"}</c>, bound on read like top-level ones.</summary>
internal sealed class GrainReferenceJsonConverterFactory(GrainReferenceBinder references) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => CodecFactory.IsGrainReferenceType(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(GrainReferenceJsonConverter<>).MakeGenericType(typeToConvert), references)!;
}
