namespace MultiAgent.Runtime.Membership;

/// <summary>Where the Redis membership table lives. Bound from <c>MultiAgent:Membership</c>.</summary>
public sealed class RedisMembershipOptions
{
    /// <summary>A StackExchange.Redis connection string, e.g. <c>localhost:6379,password=…</c>. Required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>First segment of the key, so several applications can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "multiagent";

    /// <summary>
    /// Silos with the same cluster id share one table. Filled from <c>MultiAgent:Silo:ClusterId</c>
    /// when registered through <see cref="MembershipServiceCollectionExtensions"/>.
    /// </summary>
    public string? ClusterId { get; set; }

    /// <summary>The Redis database number; -1 uses the connection string's default.</summary>
    public int Database { get; set; } = -1;
}
