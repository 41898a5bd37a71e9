using MultiAgent.Runtime;

namespace MultiAgent.Tests.Runtime.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartTicking(int periodMs, int tickWorkMs);

    Task Work(int sequence, int delayMs);

    Task<int> MaxOverlap();

    Task DeactivateSoon();
}

/// <summary>A timer whose ticks await inside the turn; ticks and requests share the overlap detector.</summary>
public sealed class TimerGrain : OverlapDetectingGrain, ITimerGrain
{
    public Task StartTicking(int periodMs, int tickWorkMs)
    {
        var key = this.GetPrimaryKeyString();
        RegisterGrainTimer(
            async ct =>
            {
                EnterTurn();
                try
                {
                    Probe.Record(key, "tick");
                    await Task.Delay(tickWorkMs, ct);
                }
                finally
                {
                    LeaveTurn();
                }
            },
            TimeSpan.FromMilliseconds(periodMs),
            TimeSpan.FromMilliseconds(periodMs));
        return Task.CompletedTask;
    }

    public Task DeactivateSoon()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Probe.Record(this.GetPrimaryKeyString(), "deactivate");
        return Task.CompletedTask;
    }
}

public interface IEarlyTimerGrain : IGrainWithStringKey
{
    Task Touch();
}

/// <summary>Registers its timer in OnActivateAsync and keeps activating after the first tick is due.</summary>
public sealed class EarlyTimerGrain : Grain, IEarlyTimerGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = this.GetPrimaryKeyString();
        RegisterGrainTimer(_ =>
        {
            Probe.Record(key, "tick");
            return Task.CompletedTask;
        }, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20));
        await Task.Delay(100, cancellationToken);
    }

    public Task Touch() => Task.CompletedTask;
}
