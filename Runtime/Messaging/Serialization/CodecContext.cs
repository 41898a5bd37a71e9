using System.Text;
using System.Text.Json;

namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>
/// What value codecs need beyond the bytes: the grain metadata, the runtime binding for grain
/// references and the JSON options for contracts. One per <see cref="MessageCodec"/>; the codecs
/// themselves are static per type, so several silos in one process can share them.
/// </summary>
internal sealed class CodecContext
{
    /// <summary>Rejects invalid UTF-8 on read, so garbled strings surface as format errors rather than U+FFFD.</summary>
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public CodecContext(IWireMetadata metadata, GrainReferenceBinder references, JsonSerializerOptions? jsonOptions)
    {
        Metadata = metadata;
        Methods = new MethodResolver(metadata);
        References = references;
        JsonOptions = WireJsonOptions.Create(jsonOptions, references);
    }

    public IWireMetadata Metadata { get; }

    public MethodResolver Methods { get; }

    public GrainReferenceBinder References { get; }

    public JsonSerializerOptions JsonOptions { get; }

    public Utf8StringCache Strings { get; } = Utf8StringCache.Shared;
}
