using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Hosting;

namespace MultiAgent.Runtime.Activation;

/// <summary>Every collection quantum, deactivates activations idle for longer than their collection age.</summary>
internal sealed class ActivationCollector(Catalog catalog, IOptions<GrainCollectionOptions> options, ILogger<ActivationCollector> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var timer = new PeriodicTimer(settings.CollectionQuantum);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var collected = CollectIdle(settings.CollectionAge);
                if (collected > 0)
                {
                    logger.LogDebug("Collected {Count} idle activations", collected);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    internal int CollectIdle(TimeSpan defaultAge)
    {
        var now = Environment.TickCount64;
        var collected = 0;
        var reason = new DeactivationReason(DeactivationReasonCode.ActivationIdle, "The activation was idle longer than its collection age.");
        foreach (var activation in catalog.Activations)
        {
            var age = (long)(activation.GrainClass.CollectionAgeLimit ?? defaultAge).TotalMilliseconds;
            if (activation.IsIdleFor(now, age))
            {
                activation.Deactivate(reason);
                collected++;
            }
        }

        return collected;
    }
}
