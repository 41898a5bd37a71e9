using MultiAgent.Runtime;
using MultiAgent.Runtime.Hosting;
using MultiAgent.Runtime.Testing;
using MultiAgent.Tests.Runtime.Grains;
using Xunit.Abstractions;

namespace MultiAgent.Tests.Runtime;

public sealed class TmpCollectionProbe(ITestOutputHelper log) : IAsyncLifetime
{
    private readonly TestCluster _cluster = new TestClusterBuilder()
        .AddConfiguration($"{ConfigurationKeys.GrainCollection}:CollectionAge", "00:00:00.500")
        .AddConfiguration($"{ConfigurationKeys.GrainCollection}:CollectionQuantum", "00:00:00.100")
        .AddSiloConfigurator(silo => silo.AddMemoryGrainStorage("store"))
        .Build();

    public Task InitializeAsync() { ThreadPool.SetMinThreads(16, 16); return _cluster.DeployAsync(); }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Tmp()
    {
        var key = $"busy-{Guid.NewGuid():N}";
        var stalls = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var watchdog = new Thread(() =>
        {
            var last = Environment.TickCount64;
            while (true)
            {
                var probe = Environment.TickCount64;
                var done = new ManualResetEventSlim();
                ThreadPool.QueueUserWorkItem(_ => done.Set());
                if (!done.Wait(300))
                {
                    var threads = System.Diagnostics.Process.GetCurrentProcess().Threads.Cast<System.Diagnostics.ProcessThread>()
                        .Select(t => $"{t.Id}:{t.ThreadState}:{(t.ThreadState == System.Diagnostics.ThreadState.Wait ? t.WaitReason.ToString() : "")}");
                    stalls.Enqueue($"stall at {probe}: {string.Join(" ", threads)}");
                    done.Wait();
                }
                Thread.Sleep(50);
            }
        }) { IsBackground = true };
        watchdog.Start();
        var grain = _cluster.GrainFactory.GetGrain<ILifecycleGrain>(key);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 15; i++)
        {
            var t0 = sw.ElapsedMilliseconds;
            var n = await grain.ActivationNumber();
            var t1 = sw.ElapsedMilliseconds;
            await Task.Delay(100);
            while (stalls.TryDequeue(out var st)) log.WriteLine(st);
            log.WriteLine($"{i} cpu {System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:0} call {t1 - t0} ms delay {sw.ElapsedMilliseconds - t1} ms: {n} threads {ThreadPool.ThreadCount} pending {ThreadPool.PendingWorkItemCount}");
        }
    }
}
