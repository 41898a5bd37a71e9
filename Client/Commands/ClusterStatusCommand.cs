using System.CommandLine;
using MultiAgent.Runtime.Client;
using Spectre.Console;

namespace MultiAgent.Client.Commands;

/// <summary><c>cluster status</c>: the silos of the membership table, with status, gateway and last heartbeat.</summary>
internal static class ClusterStatusCommand
{
    public static Command Create()
    {
        var status = new Command("status", "List the cluster's silos from its membership table (needs --redis).");
        status.SetAction(async (parsed, cancellationToken) =>
        {
            if (parsed.GetValue(ConnectionOptions.Redis) is null)
            {
                AnsiConsole.MarkupLine("[red]error:[/] cluster status reads the membership table: pass --redis host:port.");
                return 1;
            }

            return await ConnectionOptions.WithClientAsync(parsed, cancellationToken, async client =>
            {
                var members = await client.GetClusterMembersAsync(cancellationToken);
                Render(members, parsed.GetValue(ConnectionOptions.Cluster)!);
                return 0;
            });
        });
        return new Command("cluster", "Cluster membership.") { status };
    }

    private static void Render(IReadOnlyList<ClusterMember> members, string clusterId)
    {
        var table = new Table().Title($"cluster {clusterId}").AddColumns("silo", "address", "status", "gateway", "started", "last heartbeat");
        foreach (var m in members.OrderBy(m => m.SiloAddress, StringComparer.Ordinal))
        {
            var color = m.Status switch { "Active" => "green", "Dead" => "grey", _ => "yellow" };
            table.AddRow(
                Markup.Escape(m.SiloName), Markup.Escape(m.SiloAddress), $"[{color}]{m.Status}[/]", Markup.Escape(m.GatewayEndpoint ?? "-"),
                m.StartedAt.ToString("HH:mm:ss"), $"{(DateTimeOffset.UtcNow - m.LastHeartbeat).TotalSeconds:F1} s ago");
        }

        AnsiConsole.Write(table);
    }
}
