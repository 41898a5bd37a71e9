using System.Diagnostics;

namespace MultiAgent.Benchmarks.Reporting;

/// <summary>Back-to-back awaited calls until a deadline, each timed: the measuring loop of every call benchmark.</summary>
internal static class CallLoop
{
    public static async Task<long> RunAsync(Func<int, Task<int>> call, long endTimestamp, LatencyRecorder? recorder)
    {
        long calls = 0;
        var value = 0;
        while (true)
        {
            var start = Stopwatch.GetTimestamp();
            if (start >= endTimestamp)
            {
                return calls;
            }

            value = await call(value);
            recorder?.Record(Stopwatch.GetTimestamp() - start);
            calls++;
        }
    }

    public static long EndAfter(TimeSpan duration) => Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
}
