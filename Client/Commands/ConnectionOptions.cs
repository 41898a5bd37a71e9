using System.CommandLine;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime;
using MultiAgent.Runtime.Client;
using Spectre.Console;

namespace MultiAgent.Client.Commands;

/// <summary>How every command finds the cluster: gateways, or the Redis membership table; plus the cluster id.</summary>
internal static class ConnectionOptions
{
    public static readonly Option<string[]> Gateway = new("--gateway", "-g")
    {
        Description = "A gateway as host:port (repeatable). Default: discovered from --redis, else 127.0.0.1:30000.",
        Recursive = true,
        AllowMultipleArgumentsPerToken = true,
    };

    public static readonly Option<string?> Redis = new("--redis")
    {
        Description = "Redis holding the cluster's membership table (e.g. 127.0.0.1:6379); env MULTIAGENT__CLIENT__MEMBERSHIPCONNECTIONSTRING.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MULTIAGENT__CLIENT__MEMBERSHIPCONNECTIONSTRING"),
    };

    public static readonly Option<string> Cluster = new("--cluster", "-c")
    {
        Description = "The cluster id.",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MULTIAGENT__CLIENT__CLUSTERID") ?? "dev",
    };

    public static ClusterClientOptions ToClientOptions(ParseResult parsed)
    {
        var gateways = parsed.GetValue(Gateway) ?? [];
        var redis = parsed.GetValue(Redis);
        return new ClusterClientOptions
        {
            ClusterId = parsed.GetValue(Cluster) ?? "dev",
            MembershipConnectionString = redis,
            Gateways = gateways.Length > 0 || redis is not null ? [.. gateways] : ["127.0.0.1:30000"],
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
    }

    /// <summary>Runs <paramref name="work"/> with a connected client; problems print one line naming what is wrong, exit code 1.</summary>
    public static async Task<int> WithClientAsync(ParseResult parsed, CancellationToken cancellationToken, Func<ClusterClient, Task<int>> work)
    {
        try
        {
            await using var client = new ClusterClient(ToClientOptions(parsed));
            await client.ConnectAsync(cancellationToken);
            return await work(client);
        }
        catch (Exception e) when (e is OptionsValidationException or SiloUnavailableException or GrainCallException or TimeoutException or InvalidOperationException or ArgumentException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 1;
        }
    }
}
