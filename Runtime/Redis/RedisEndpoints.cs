using System.Net;
using StackExchange.Redis;

namespace MultiAgent.Runtime.Redis;

/// <summary>Names a connection's servers for error messages: only host:port, since the connection string may hold a password.</summary>
internal static class RedisEndpoints
{
    private const int DefaultPort = 6379;
    private const int DefaultTlsPort = 6380;

    public static string Describe(ConfigurationOptions options)
    {
        var defaultPort = options.Ssl ? DefaultTlsPort : DefaultPort;
        var names = options.EndPoints.Select(endpoint => endpoint switch
        {
            DnsEndPoint dns => $"{dns.Host}:{PortOrDefault(dns.Port, defaultPort)}",
            IPEndPoint ip => new IPEndPoint(ip.Address, PortOrDefault(ip.Port, defaultPort)).ToString(),
            _ => endpoint.ToString() ?? "?",
        }).ToList();
        return names.Count == 0 ? "(no endpoint)" : string.Join(", ", names);
    }

    private static int PortOrDefault(int port, int defaultPort) => port == 0 ? defaultPort : port;
}
