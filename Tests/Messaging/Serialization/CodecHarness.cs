using System.Buffers;
using MultiAgent.Runtime.Messaging.Serialization;
using MultiAgent.Runtime.Metadata;

namespace MultiAgent.Tests.Messaging.Serialization;

/// <summary>One side of a connection: a codec bound to its own capturing runtime, over the test assembly's generated code.</summary>
internal sealed class CodecHarness
{
    /// <summary>Built once: the manifest is not meant to be filled concurrently.</summary>
    public static readonly GrainTypeManifest Manifest = CreateManifest();

    public CodecHarness(GrainTypeManifest? manifest = null)
    {
        Runtime = new CapturingReferenceRuntime(Manifest);
        Codec = new MessageCodec(manifest ?? Manifest, Runtime);
    }

    public CapturingReferenceRuntime Runtime { get; }

    public MessageCodec Codec { get; }

    public MultiAgent.Runtime.IGrainFactory Grains => Runtime.GrainFactory;

    public byte[] Encode(WireMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Codec.Write(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public WireMessage Decode(byte[] frame) => Codec.Read(new ReadOnlySequence<byte>(frame));

    public WireMessage RoundTrip(WireMessage message) => Decode(Encode(message));

    public byte[] EncodeValue<T>(T value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Codec.WriteValue(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public T DecodeValue<T>(byte[] data) => Codec.ReadValue<T>(new ReadOnlySequence<byte>(data));

    public T RoundTripValue<T>(T value) => DecodeValue<T>(EncodeValue(value));

    private static GrainTypeManifest CreateManifest()
    {
        var manifest = new GrainTypeManifest();
        manifest.AddAssembly(typeof(CodecHarness).Assembly);
        return manifest;
    }
}
