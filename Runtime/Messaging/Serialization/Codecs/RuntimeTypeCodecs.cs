using MultiAgent.Runtime.Invocation;

namespace MultiAgent.Runtime.Messaging.Serialization;

internal sealed class GrainIdCodec : ICodec<GrainId>
{
    public void Write(ArgumentWriter writer, GrainId value) => writer.WriteGrainId(value);

    public GrainId Read(ArgumentReader reader) => reader.ReadGrainId();
}

/// <summary>The result of <c>Task</c>/<c>ValueTask</c> methods: nothing on the wire.</summary>
internal sealed class VoidResultCodec : ICodec<VoidResult>
{
    public void Write(ArgumentWriter writer, VoidResult value)
    {
    }

    public VoidResult Read(ArgumentReader reader) => default;
}

/// <summary>A token cannot cross processes (the caller's deadline travels in the envelope): nothing is sent, the callee gets <see cref="CancellationToken.None"/>.</summary>
internal sealed class CancellationTokenCodec : ICodec<CancellationToken>
{
    public void Write(ArgumentWriter writer, CancellationToken value)
    {
    }

    public CancellationToken Read(ArgumentReader reader) => CancellationToken.None;
}
