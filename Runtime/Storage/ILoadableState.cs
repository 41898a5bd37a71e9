namespace MultiAgent.Runtime.Storage;

/// <summary>A persistent state the activation engine loads before the grain's first turn.</summary>
internal interface ILoadableState
{
    Task LoadAsync(CancellationToken cancellationToken);
}
