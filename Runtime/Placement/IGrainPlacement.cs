using MultiAgent.Runtime.Membership;

namespace MultiAgent.Runtime.Placement;

/// <summary>Where a grain lives.</summary>
internal interface IGrainPlacement
{
    /// <summary>The silo that owns <paramref name="grainId"/>, or null when it is this one.</summary>
    SiloAddress? GetRemoteOwner(GrainId grainId);
}

/// <summary>A silo on its own: every grain is local.</summary>
internal sealed class LocalPlacement : IGrainPlacement
{
    public SiloAddress? GetRemoteOwner(GrainId grainId) => null;
}
