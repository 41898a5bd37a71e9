using MultiAgent.Runtime.Hosting;

namespace MultiAgent.Silo.Configuration;

/// <summary>
/// Chooses the default grain storage from configuration: <c>MultiAgent:Storage:Default:Provider</c> is
/// <c>Memory</c> (the embedded default) or <c>Redis</c> (with <c>…:ConnectionString</c>).
/// </summary>
internal static class StorageConfiguration
{
    public const string ProviderKey = "Provider";

    public static ISiloBuilder AddConfiguredStorage(this ISiloBuilder silo)
    {
        var section = ConfigurationKeys.Storage(Runtime.Storage.GrainStorageNames.Default);
        var provider = silo.Configuration[$"{section}:{ProviderKey}"] ?? "Memory";
        return provider.ToLowerInvariant() switch
        {
            "memory" => silo.AddMemoryGrainStorageAsDefault(),
            "redis" => silo.AddRedisGrainStorageAsDefault(),
            _ => throw new InvalidOperationException($"{section}:{ProviderKey} must be 'Memory' or 'Redis' (was '{provider}')."),
        };
    }
}
