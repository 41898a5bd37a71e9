// SCRATCH: to be deleted before handing back.
using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Runtime.Messaging;
using MultiAgent.Runtime.Messaging.Transport;

namespace MultiAgent.Benchmarks.Cluster;

internal sealed class ScratchDiag
{
    public static bool On => Environment.GetEnvironmentVariable("BENCH_DIAG") == "1";
    private readonly BenchSilo _driver;
    private readonly ChildSiloProcess _child;
    private TimeSpan _driverCpu, _childCpu;
    private long _fs, _sc, _fr;
    private Process? _perf;
    private long _gc0; private long _alloc0;

    public ScratchDiag(BenchSilo driver, ChildSiloProcess child) { _driver = driver; _child = child; }

    private FrameConnection? Conn()
    {
        var mc = _driver.Services.GetRequiredService<MessageCenter>();
        var pool = (ConnectionPool)typeof(MessageCenter).GetField("_silos", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(mc)!;
        var addr = MultiAgent.Runtime.Membership.SiloAddress.Parse(_child.SiloAddress);
        return pool.GetOpenConnections(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(addr.Host), addr.Port)).FirstOrDefault();
    }

    public void Start()
    {
        if (!On) return;
        _driverCpu = Process.GetCurrentProcess().TotalProcessorTime;
        using (var c = Process.GetProcessById(_child.ProcessId)) _childCpu = c.TotalProcessorTime;
        var conn = Conn();
        if (conn is not null) { _fs = conn.FramesSent; _sc = conn.SendCalls; _fr = conn.FramesReceived; }
        _gc0 = GC.CollectionCount(0); _alloc0 = GC.GetTotalAllocatedBytes(false);
        var psi = new ProcessStartInfo("perf") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "stat", "-e", "raw_syscalls:sys_enter,context-switches", "--per-thread", "-p", $"{Environment.ProcessId},{_child.ProcessId}", "--", "sleep", "2" }) psi.ArgumentList.Add(a);
        _perf = Process.Start(psi);
    }

    public void Stop(long calls, double seconds)
    {
        if (!On) return;
        var d = Process.GetCurrentProcess().TotalProcessorTime - _driverCpu;
        TimeSpan c;
        using (var p = Process.GetProcessById(_child.ProcessId)) c = p.TotalProcessorTime - _childCpu;
        Console.WriteLine($"DIAG calls={calls} in {seconds:F2}s; CPU/call driver={d.TotalMicroseconds / calls:F2}us child={c.TotalMicroseconds / calls:F2}us; driver gen0 GCs={GC.CollectionCount(0) - _gc0} alloc/call={(GC.GetTotalAllocatedBytes(false) - _alloc0) / (double)calls:F0}B");
        var conn = Conn();
        if (conn is not null)
        {
            Console.WriteLine($"DIAG driver->child conn: framesSent={conn.FramesSent - _fs} sendCalls={conn.SendCalls - _sc} frames/send={(double)(conn.FramesSent - _fs) / (conn.SendCalls - _sc):F2} framesReceived={conn.FramesReceived - _fr}");
        }
        if (_perf is not null)
        {
            var err = _perf.StandardError.ReadToEnd();
            _perf.WaitForExit();
            File.WriteAllText("/tmp/perfstat.txt", err);
            // aggregate by comm name per pid
            var sums = new Dictionary<string, (double sys, double cs)>();
            foreach (var line in err.Split('\n'))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length < 3) continue;
                var thread = parts[0];
                if (!double.TryParse(parts[1].Replace(",", ""), out var v)) continue;
                var dash = thread.LastIndexOf('-');
                var pid = dash > 0 ? thread[(dash + 1)..] : thread;
                var name = dash > 0 ? thread[..dash] : thread;
                var key = name;
                sums.TryGetValue(key, out var s);
                if (line.Contains("raw_syscalls")) s.sys += v; else if (line.Contains("context-switches")) s.cs += v;
                sums[key] = s;
            }
            foreach (var (k, v) in sums.OrderByDescending(x => x.Value.sys)) Console.WriteLine($"DIAG perf 2s: {k,-30} syscalls={v.sys,10} ctxsw={v.cs,10}");
        }
    }
}
