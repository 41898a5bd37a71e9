using MultiAgent.Runtime;

namespace MultiAgent.Tests.Runtime.Grains;

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<string> Ping();

    Task<int> ActivationNumber();

    Task DeactivateSoon();
}

/// <summary>Records activation and deactivation (with reason) in the <see cref="Probe"/>.</summary>
public sealed class LifecycleGrain : Grain, ILifecycleGrain
{
    private int _number;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Probe.Record(this.GetPrimaryKeyString(), "activate");
        _number = Probe.Count(this.GetPrimaryKeyString(), "activate");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Probe.Record(this.GetPrimaryKeyString(), $"deactivate:{reason.ReasonCode}");
        return Task.CompletedTask;
    }

    public Task<string> Ping() => Task.FromResult($"pong from {GrainId}");

    public Task<int> ActivationNumber() => Task.FromResult(_number);

    public Task DeactivateSoon()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

public interface IFailingActivationGrain : IGrainWithStringKey
{
    Task<string> Ping();
}

/// <summary>Fails its first activation, then works: the failure reaches the caller and does not stick.</summary>
public sealed class FailingActivationGrain : Grain, IFailingActivationGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        Probe.Record(key, "activate");
        if (Probe.Count(key, "activate") == 1)
        {
            throw new InvalidOperationException("first activation refused");
        }

        return Task.CompletedTask;
    }

    public Task<string> Ping() => Task.FromResult("ok");
}
