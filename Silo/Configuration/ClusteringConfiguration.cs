using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Membership;

namespace MultiAgent.Silo.Configuration;

/// <summary>
/// Joins a cluster when <c>MultiAgent:Membership:ConnectionString</c> names a Redis server (cluster id from
/// <c>MultiAgent:Silo:ClusterId</c>, ports from <c>MultiAgent:Endpoints</c>); otherwise the silo runs alone.
/// </summary>
internal static class ClusteringConfiguration
{
    public const string ConnectionStringKey = MembershipOptions.SectionName + ":ConnectionString";

    public static ISiloBuilder AddConfiguredClustering(this ISiloBuilder silo) =>
        string.IsNullOrWhiteSpace(silo.Configuration[ConnectionStringKey]) ? silo : silo.UseRedisClustering();
}
