using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MultiAgent.Runtime.Storage;

internal static class GrainStorageServiceCollectionExtensions
{
    /// <summary>What every silo needs for [PersistentState], whichever providers it adds. Safe to call more than once.</summary>
    internal static IServiceCollection AddGrainStorageCore(this IServiceCollection services)
    {
        services.TryAddSingleton<PersistentStateFactory>();
        services.TryAddSingleton<IPersistentStateFactory>(sp => sp.GetRequiredService<PersistentStateFactory>());
        services.TryAddSingleton<IGrainStateSerializer>(_ => new JsonGrainStateSerializer());
        return services;
    }
}
