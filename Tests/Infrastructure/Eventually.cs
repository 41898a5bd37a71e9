using System.Diagnostics;

namespace MultiAgent.Tests.Infrastructure;

/// <summary>Waits for a condition with a deadline instead of sleeping a fixed time.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public static Task AssertAsync(Func<bool> condition, TimeSpan timeout, string because)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return AssertAsync(() => Task.FromResult(condition()), timeout, because);
    }

    /// <summary>Polls <paramref name="condition"/> until true; an exception counts as false and is reported if time runs out.</summary>
    public static async Task AssertAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var elapsed = Stopwatch.StartNew();
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception ex)
            {
                last = ex;
            }

            if (elapsed.Elapsed >= timeout)
            {
                var cause = last is null ? string.Empty : $" Last error: {last.GetType().Name}: {last.Message}";
                Assert.Fail($"Not true within {timeout.TotalSeconds:0.###} s: {because}.{cause}");
            }

            await Task.Delay(PollInterval);
        }
    }
}
