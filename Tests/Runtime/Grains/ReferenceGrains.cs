using MultiAgent.Runtime;

namespace MultiAgent.Tests.Runtime.Grains;

public interface IRelayGrain : IGrainWithStringKey
{
    /// <summary>Calls <paramref name="target"/> (a reference that travelled in the message) and returns its answer.</summary>
    Task<string> Relay(ILifecycleGrain target);

    Task Remember(ILifecycleGrain target);

    Task<string> CallRemembered();

    Task<IRelayGrain> Self();
}

public sealed class RelayGrain : Grain, IRelayGrain
{
    private ILifecycleGrain? _remembered;

    public Task<string> Relay(ILifecycleGrain target) => target.Ping();

    public Task Remember(ILifecycleGrain target)
    {
        _remembered = target;
        return Task.CompletedTask;
    }

    public Task<string> CallRemembered() =>
        _remembered?.Ping() ?? throw new InvalidOperationException("nothing remembered");

    public Task<IRelayGrain> Self() => Task.FromResult(this.AsReference<IRelayGrain>());
}
