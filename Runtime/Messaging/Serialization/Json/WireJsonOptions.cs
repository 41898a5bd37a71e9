using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>The System.Text.Json settings for contracts on the wire.</summary>
internal static class WireJsonOptions
{
    /// <summary>
    /// Copies <paramref name="baseOptions"/> (e.g. with a source-generated resolver) or starts from
    /// tolerant defaults, and adds the grain reference converter bound to <paramref name="references"/>.
    /// </summary>
    public static JsonSerializerOptions Create(JsonSerializerOptions? baseOptions, GrainReferenceBinder references)
    {
        var options = baseOptions is null ? CreateDefaults() : new JsonSerializerOptions(baseOptions);
        options.Converters.Insert(0, new GrainReferenceJsonConverterFactory(references));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// Unknown properties are skipped and missing ones default (STJ's behaviour, kept explicit); enums are
    /// names so reordering members is safe (numbers are still accepted); public fields are included, as in storage.
    /// </summary>
    private static JsonSerializerOptions CreateDefaults() => new()
    {
        IncludeFields = true,
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };
}
