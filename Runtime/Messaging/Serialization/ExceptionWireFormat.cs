using System.Text;

namespace MultiAgent.Runtime.Messaging.Serialization;

/// <summary>
/// An exception crosses the wire as text, never as a type to instantiate: its type's full name, message,
/// stack trace and a summary of its inner exceptions. It arrives as a <see cref="RemoteGrainException"/>.
/// </summary>
internal static class ExceptionWireFormat
{
    /// <summary>Deep enough to show a cause; bounded so a pathological chain cannot bloat a response.</summary>
    public const int MaxInnerExceptions = 8;

    public static void Write(ArgumentWriter writer, Exception exception)
    {
        var (type, message, stack) = Describe(exception);
        writer.WriteString(type);
        writer.WriteString(message);
        writer.WriteString(stack);

        var count = 0;
        for (var inner = exception.InnerException; inner is not null && count < MaxInnerExceptions; inner = inner.InnerException)
        {
            count++;
        }

        writer.WriteVarUInt64((ulong)count);
        var cause = exception.InnerException;
        for (var i = 0; i < count; i++)
        {
            var (causeType, causeMessage, _) = Describe(cause!);
            writer.WriteString(causeType);
            writer.WriteString(causeMessage);
            cause = cause!.InnerException;
        }
    }

    public static RemoteGrainException Read(ArgumentReader reader)
    {
        var type = reader.ReadRequiredString("An exception type name", intern: true);
        var message = reader.ReadString() ?? string.Empty;
        var stack = reader.ReadString();
        var count = (int)reader.ReadVarUInt64(MaxInnerExceptions, "An inner exception count");
        if (count > 0)
        {
            // RemoteGrainException has no inner exception: the causes follow the stack, as Exception.ToString shows them.
            var text = new StringBuilder(stack);
            for (var i = 0; i < count; i++)
            {
                var innerType = reader.ReadRequiredString("An inner exception type name", intern: true);
                var innerMessage = reader.ReadString();
                text.Append(text.Length > 0 ? Environment.NewLine : string.Empty)
                    .Append(" ---> ").Append(innerType).Append(": ").Append(innerMessage);
            }

            stack = text.ToString();
        }

        return new RemoteGrainException(type, message, stack);
    }

    /// <summary>A remote exception passed on keeps its original type, message and stack.</summary>
    private static (string Type, string Message, string? Stack) Describe(Exception exception)
    {
        if (exception is RemoteGrainException remote)
        {
            var prefix = remote.ExceptionType + ": ";
            var message = remote.Message.StartsWith(prefix, StringComparison.Ordinal) ? remote.Message[prefix.Length..] : remote.Message;
            return (remote.ExceptionType, message, remote.RemoteStackTrace);
        }

        var type = exception.GetType();
        return (type.FullName ?? type.Name, exception.Message, exception.StackTrace);
    }
}
