namespace MultiAgent.Runtime;

/// <summary>
/// Creates further named states of a grain while it runs — what a [PersistentState] constructor parameter
/// gives at construction, for states whose number or names are known only at run time (e.g. one per
/// segment of a log, so a write rewrites one segment rather than everything). Inject it into the grain.
/// A state created here is not loaded: call <see cref="IStorage{TState}.ReadStateAsync"/>.
/// </summary>
public interface IPersistentStateFactory
{
    IPersistentState<TState> Create<TState>(IGrainContext grain, string stateName, string? storageName = null);
}
