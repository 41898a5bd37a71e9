using System.Diagnostics;
using System.Threading.Channels;

namespace MultiAgent.Benchmarks.Runtime;

/// <summary>The ceiling: two tasks bouncing a value over two channels, each hop a thread-pool continuation, as a grain call's two hops are.</summary>
internal static class ChannelPingPong
{
    public static async Task<double> RoundTripsPerSecondAsync(TimeSpan duration)
    {
        var options = new UnboundedChannelOptions { SingleReader = true, SingleWriter = true };
        var ping = Channel.CreateUnbounded<int>(options);
        var pong = Channel.CreateUnbounded<int>(options);
        using var stop = new CancellationTokenSource();

        var echo = Task.Run(async () =>
        {
            await foreach (var value in ping.Reader.ReadAllAsync())
            {
                pong.Writer.TryWrite(value + 1);
            }
        });

        long roundTrips = 0;
        var watch = Stopwatch.StartNew();
        await Task.Run(async () =>
        {
            var value = 0;
            while (watch.Elapsed < duration)
            {
                ping.Writer.TryWrite(value);
                value = await pong.Reader.ReadAsync();
                roundTrips++;
            }
        });
        var elapsed = watch.Elapsed;
        ping.Writer.Complete();
        await echo;
        return roundTrips / elapsed.TotalSeconds;
    }
}
