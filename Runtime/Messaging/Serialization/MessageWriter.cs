namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>Writes a message in the layout of <see cref="WireFormat"/>: header, then the request's arguments or the response.</summary>
internal static class MessageWriter
{
    public static void Write(ArgumentWriter writer, WireMessage message)
    {
        var isRequest = message.IsRequest;
        var request = message.Request;
        if (isRequest && request is null)
        {
            throw new ArgumentException($"Message {message} is a {message.Direction} without a request.", nameof(message));
        }

        if (message.DeadlineUnixMs < 0)
        {
            throw new ArgumentException($"Message {message} has a negative deadline ({message.DeadlineUnixMs}).", nameof(message));
        }

        var flags = (byte)message.Direction;
        flags |= message.DeadlineUnixMs != 0 ? WireFormat.HasDeadline : (byte)0;
        flags |= message.CallerGrain.HasValue ? WireFormat.HasCallerGrain : (byte)0;
        flags |= message.CallerSilo is not null ? WireFormat.HasCallerSilo : (byte)0;
        flags |= message.TraceParent is not null ? WireFormat.HasTraceParent : (byte)0;
        flags |= message.TraceState is not null ? WireFormat.HasTraceState : (byte)0;

        // The request class wrote the arguments, so its descriptor names the method authoritatively.
        var method = isRequest ? request!.Method : message.Method;
        writer.WriteByte(WireFormat.Version);
        writer.WriteByte(flags);
        writer.WriteVarUInt64((ulong)message.Id);
        writer.WriteGrainId(message.Target);
        writer.WriteString(method?.InterfaceName ?? message.InterfaceName ?? string.Empty);
        writer.WriteString(method?.MethodId ?? message.MethodId ?? string.Empty);
        if (message.DeadlineUnixMs != 0)
        {
            writer.WriteVarUInt64((ulong)message.DeadlineUnixMs);
        }

        if (message.CallerGrain is { } callerGrain)
        {
            writer.WriteGrainId(callerGrain);
        }

        if (message.CallerSilo is not null)
        {
            writer.WriteString(message.CallerSilo);
        }

        if (message.TraceParent is not null)
        {
            writer.WriteString(message.TraceParent);
        }

        if (message.TraceState is not null)
        {
            writer.WriteString(message.TraceState);
        }

        if (isRequest)
        {
            request!.WriteArguments(writer);
        }
        else
        {
            WriteResponse(writer, message);
        }
    }

    private static void WriteResponse(ArgumentWriter writer, WireMessage message)
    {
        writer.WriteByte((byte)message.ResponseKind);
        switch (message.ResponseKind)
        {
            case ResponseKind.Success:
                var method = message.Method ?? writer.Context.Methods.Resolve(message.InterfaceName, message.MethodId)
                    ?? throw new ArgumentException($"Response {message} has no Method, and no method {message.InterfaceName}.{message.MethodId} is known to type its result.", nameof(message));
                BoxedCodec.For(method.ResultType).Write(writer, message.Result);
                break;
            case ResponseKind.Exception:
                ExceptionWireFormat.Write(writer, message.Exception ?? throw new ArgumentException($"Response {message} carries no exception.", nameof(message)));
                break;
            case ResponseKind.Rejection:
                writer.WriteByte((byte)message.RejectionKind);
                writer.WriteString(message.RejectionMessage);
                break;
            default:
                throw new ArgumentException($"Response {message} has unknown kind {message.ResponseKind}.", nameof(message));
        }
    }
}
