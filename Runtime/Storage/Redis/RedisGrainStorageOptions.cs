namespace MultiAgent.Runtime.Storage;

/// <summary>Options of one named Redis grain storage, bound from <c>MultiAgent:Storage:{name}</c>.</summary>
public sealed class RedisGrainStorageOptions
{
    /// <summary>A StackExchange.Redis connection string, e.g. <c>localhost:6379,password=…,connectTimeout=5000</c>. Required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>First segment of every key, so several applications can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "multiagent";

    /// <summary>Separates clusters (deployments) that share a Redis and a prefix.</summary>
    public string ServiceId { get; set; } = "default";

    /// <summary>The Redis database number; -1 uses the connection string's default.</summary>
    public int Database { get; set; } = -1;
}
