namespace MultiAgent.Runtime.Streams.Kafka;

/// <summary>
/// The <c>dlq-reason</c> of a dead letter: each exception of the chain as "Type: message", outermost first,
/// without stack traces — it is read by people with kcat; the silo log has the traces.
/// </summary>
internal static class FailureReason
{
    public static string Describe(Exception? exception)
    {
        var parts = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var type = e is RemoteGrainException remote ? ShortName(remote.ExceptionType) : e.GetType().Name;
            var part = $"{type}: {e.Message}";
            if (!parts.Contains(part, StringComparer.Ordinal))
            {
                parts.Add(part);
            }
        }

        return parts.Count == 0 ? "delivery failed" : string.Join(" --> ", parts);
    }

    private static string ShortName(string typeName) => typeName[(typeName.LastIndexOf('.') + 1)..];
}
