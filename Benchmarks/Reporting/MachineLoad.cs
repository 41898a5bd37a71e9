namespace MultiAgent.Benchmarks.Reporting;

/// <summary>The machine's load when a suite starts: its processes share the cores with whatever else runs, and the figures show it.</summary>
internal static class MachineLoad
{
    /// <summary>The 1-minute load average, or null where the system does not say (no /proc/loadavg).</summary>
    public static string? OneMinuteAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
