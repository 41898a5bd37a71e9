using MultiAgent.Runtime.Activation;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Messaging.Serialization;

namespace MultiAgent.Runtime.Streams;

/// <summary>The system "interface" stream deliveries are addressed to; every grain accepts them.</summary>
internal interface IStreamDeliveryTarget : IAddressable;

/// <summary>
/// Stream events on their way to a subscriber grain: an ordinary grain request (so it is a turn of
/// the subscriber, routed to wherever the grain lives) carrying one or more consecutive events of one
/// stream and type as serialized bytes, which the receiving activation decodes for the observer of the
/// right type. Hand-written rather than generated: it is addressed to every grain type.
/// </summary>
internal sealed class StreamDeliveryRequest : GrainRequest<VoidResult>
{
    public static readonly GrainMethodDescriptor Descriptor = new(
        typeof(IStreamDeliveryTarget),
        "Deliver",
        "Deliver(System.String,System.String,System.String,System.String,System.Byte[][],System.Int64[],System.Int32,System.String)",
        typeof(VoidResult),
        GrainMethodFlags.None,
        responseTimeout: null,
        static () => new StreamDeliveryRequest());

    /// <summary>A bound on a decoded count, so a corrupt frame cannot make the reader allocate without limit.</summary>
    public const int MaxEvents = 10_000;

    public string ProviderName = string.Empty;
    public string Namespace = string.Empty;
    public string Key = string.Empty;

    /// <summary>Full name of the event type, to pick among several <c>IAsyncObserver&lt;T&gt;</c> a grain implements.</summary>
    public string EventType = string.Empty;

    /// <summary>The events in stream order, with their sequence numbers (same length); at least one.</summary>
    public byte[][] Payloads = [];
    public long[] SequenceNumbers = [];
    public int Partition;

    /// <summary>The explicit subscription this delivery is for; empty for an implicit subscription.</summary>
    public string HandleId = string.Empty;

    public StreamId StreamId => new(Namespace, Key);

    public int Count => Payloads.Length;

    public StreamSequenceToken TokenAt(int index) => new(SequenceNumbers[index], Partition);

    public override GrainMethodDescriptor Method => Descriptor;

    public override ValueTask<VoidResult> InvokeAsync(object grain) =>
        grain is Grain { GrainContext: ActivationData activation }
            ? DeliverAsync(activation, grain)
            : throw new InvalidOperationException($"{grain.GetType().Name} is not a grain hosted by this runtime; it cannot receive stream events.");

    // An async method, so the continuation stays on the activation's context.
    private async ValueTask<VoidResult> DeliverAsync(ActivationData activation, object grain)
    {
        await activation.Streams.DeliverAsync(this, grain);
        return default;
    }

    public override void WriteArguments(IArgumentWriter writer)
    {
        writer.Write(ProviderName);
        writer.Write(Namespace);
        writer.Write(Key);
        writer.Write(EventType);
        writer.Write(Payloads.Length);
        for (var i = 0; i < Payloads.Length; i++)
        {
            writer.Write(Payloads[i]);
            writer.Write(SequenceNumbers[i]);
        }

        writer.Write(Partition);
        writer.Write(HandleId);
    }

    public override void ReadArguments(IArgumentReader reader)
    {
        ProviderName = reader.Read<string>();
        Namespace = reader.Read<string>();
        Key = reader.Read<string>();
        EventType = reader.Read<string>();
        var count = reader.Read<int>();
        if (count is < 1 or > MaxEvents)
        {
            throw new MessageFormatException($"A stream delivery carries {count} events; 1 to {MaxEvents} are allowed.");
        }

        Payloads = new byte[count][];
        SequenceNumbers = new long[count];
        for (var i = 0; i < count; i++)
        {
            Payloads[i] = reader.Read<byte[]>();
            SequenceNumbers[i] = reader.Read<long>();
        }

        Partition = reader.Read<int>();
        HandleId = reader.Read<string>();
    }

    public override string ToString() => Count == 1
        ? $"stream event {SequenceNumbers[0]} of {ProviderName}:{StreamId}"
        : $"stream events {SequenceNumbers[0]}..{SequenceNumbers[^1]} ({Count}) of {ProviderName}:{StreamId}";
}

/// <summary>A reference used only to address stream deliveries to a grain id of any type.</summary>
internal sealed class StreamDeliveryReference(IGrainReferenceRuntime runtime, GrainId grainId) : GrainReference(runtime, grainId)
{
    public override Type InterfaceType => typeof(IStreamDeliveryTarget);
}
