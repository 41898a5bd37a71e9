using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace MultiAgent.Runtime.Client;

internal static class GatewayEndpoints
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out EndPoint? endpoint)
    {
        endpoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out var port) || port is <= 0 or > 65535)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        endpoint = IPAddress.TryParse(host, out var ip) ? new IPEndPoint(ip, port) : new DnsEndPoint(host, port);
        return true;
    }
}
