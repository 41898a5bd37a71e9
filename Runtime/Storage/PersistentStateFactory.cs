using Microsoft.Extensions.DependencyInjection;

namespace MultiAgent.Runtime.Storage;

/// <summary>Creates the <see cref="IPersistentState{T}"/> for a grain constructor's [PersistentState] parameter.</summary>
internal sealed class PersistentStateFactory(IServiceProvider services) : IPersistentStateFactory
{
    public IPersistentState<T> Create<T>(IGrainContext grain, string stateName, string? storageName = null)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return Create<T>(grain.GrainId, stateName, storageName);
    }

    public IPersistentState<T> Create<T>(GrainId grainId, string stateName, string? storageName)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        var name = storageName ?? GrainStorageNames.Default;
        var storage = services.GetKeyedService<IGrainStorage>(name)
            ?? throw new InvalidOperationException(
                $"No grain storage named '{name}' is configured (state '{stateName}' of grain {grainId}); " +
                $"add one with AddMemoryGrainStorage(\"{name}\") or AddRedisGrainStorage(\"{name}\", ...).");
        return new PersistentState<T>(storage, stateName, name, grainId);
    }
}
