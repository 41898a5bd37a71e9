using System.Diagnostics;
using MultiAgent.Runtime;
using MultiAgent.TestGrains;

namespace MultiAgent.Tests.Cluster;

/// <summary>A counter with the value it must have, and where it lived before a silo went away.</summary>
internal sealed record ExpectedCounter(string Key, int Value, string Host);

/// <summary>
/// Waits for a counter to answer again after its silo went away, calling it through whatever is left
/// (silos or a client). Until it does, a call may fail as retryable (silo unavailable, timed out) but may
/// never succeed with a wrong value, and once it answers it must answer from another silo.
/// </summary>
internal static class CounterRecovery
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(50);

    /// <summary>Returns the time from <paramref name="since"/> until the counter answered with its value.</summary>
    public static async Task<TimeSpan> AwaitAnswerAsync(
        ExpectedCounter counter, IReadOnlyList<IGrainFactory> callers, string goneSilo, Stopwatch since, TimeSpan within)
    {
        var failures = new List<string>();
        for (var attempt = 0; ; attempt++)
        {
            var grain = callers[attempt % callers.Count].GetGrain<IDurableCounterGrain>(counter.Key);
            try
            {
                CounterReading reading;
                using (GrainCallScope.WithTimeout(CallTimeout))
                {
                    reading = await grain.Get();
                }

                Assert.True(counter.Value == reading.Value, $"counter {counter.Key} answered {reading.Value} from {reading.SiloName}; its last written value is {counter.Value}");
                Assert.NotEqual(goneSilo, reading.SiloName);
                return since.Elapsed;
            }
            catch (Exception e) when (e is SiloUnavailableException or GrainCallTimeoutException)
            {
                failures.Add($"{since.Elapsed.TotalSeconds:0.00} s: {e.GetType().Name}: {e.Message}");
            }

            Assert.True(since.Elapsed < within, $"counter {counter.Key} (was on {counter.Host}) did not answer within {within.TotalSeconds} s:\n{string.Join('\n', failures)}");
            await Task.Delay(RetryPause);
        }
    }
}
