namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>
/// Reads a message in the layout of <see cref="WireFormat"/>. Requests are rebuilt with the generated
/// request class of the named method; a failure carries the header read so far.
/// </summary>
internal static class MessageReader
{
    public static WireMessage Read(ArgumentReader reader)
    {
        var version = reader.ReadByte();
        if (version != WireFormat.Version)
        {
            throw new MessageFormatException($"Unsupported message format version {version}; this process reads version {WireFormat.Version}.");
        }

        var flags = reader.ReadByte();
        var direction = (MessageDirection)(flags & WireFormat.DirectionMask);
        if ((flags & WireFormat.ReservedMask) != 0 || direction > MessageDirection.OneWay)
        {
            throw new MessageFormatException($"Invalid message flags 0x{flags:X2}.");
        }

        var message = new WireMessage { Direction = direction };
        var hasId = false;
        try
        {
            message.Id = (long)reader.ReadVarUInt64();
            hasId = true;
            message.Target = reader.ReadGrainId();
            message.InterfaceName = reader.ReadRequiredString("The interface name", intern: true);
            message.MethodId = reader.ReadRequiredString("The method id", intern: true);
            if ((flags & WireFormat.HasDeadline) != 0)
            {
                message.DeadlineUnixMs = (long)reader.ReadVarUInt64(long.MaxValue, "The deadline");
            }

            if ((flags & WireFormat.HasCallerGrain) != 0)
            {
                message.CallerGrain = reader.ReadGrainId();
            }

            if ((flags & WireFormat.HasCallerSilo) != 0)
            {
                message.CallerSilo = reader.ReadInternedString();
            }

            if ((flags & WireFormat.HasTraceParent) != 0)
            {
                message.TraceParent = reader.ReadString();
            }

            if ((flags & WireFormat.HasTraceState) != 0)
            {
                message.TraceState = reader.ReadString();
            }

            if (message.IsRequest)
            {
                var method = reader.Context.Methods.Resolve(message.InterfaceName, message.MethodId)
                    ?? throw new UnknownMethodException(message.InterfaceName, message.MethodId);
                var request = method.CreateRequest();
                request.ReadArguments(reader);
                message.Method = method;
                message.Request = request;
            }
            else
            {
                ReadResponse(reader, message);
            }

            reader.EnsureEnd();
            return message;
        }
        catch (MessageFormatException e)
        {
            // What was read of the header lets the connection answer the sender (and log what failed).
            e.Direction ??= direction;
            e.MessageId ??= hasId ? message.Id : null;
            e.Target ??= message.Target.IsDefault ? null : message.Target;
            e.InterfaceName ??= message.InterfaceName.Length > 0 ? message.InterfaceName : null;
            e.MethodId ??= message.MethodId.Length > 0 ? message.MethodId : null;
            throw;
        }
    }

    private static void ReadResponse(ArgumentReader reader, WireMessage message)
    {
        var kind = (ResponseKind)reader.ReadByte();
        message.ResponseKind = kind;
        switch (kind)
        {
            case ResponseKind.Success:
                var method = reader.Context.Methods.Resolve(message.InterfaceName, message.MethodId)
                    ?? throw new UnknownMethodException(message.InterfaceName, message.MethodId);
                message.Method = method;
                message.Result = BoxedCodec.For(method.ResultType).Read(reader);
                break;
            case ResponseKind.Exception:
                message.Exception = ExceptionWireFormat.Read(reader);
                break;
            case ResponseKind.Rejection:
                var rejection = (RejectionKind)reader.ReadByte();
                if (rejection > RejectionKind.Expired)
                {
                    reader.ThrowFormat($"Unknown rejection kind {(byte)rejection}.");
                }

                message.RejectionKind = rejection;
                message.RejectionMessage = reader.ReadString();
                break;
            default:
                reader.ThrowFormat($"Unknown response kind {(byte)kind}.");
                break;
        }
    }
}
