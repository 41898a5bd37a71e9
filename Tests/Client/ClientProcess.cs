using System.Diagnostics;
using MultiAgent.Runtime.Testing;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Client;

/// <summary><c>MultiAgent.Client.dll</c> of this build as a child process, without colours, as a user's shell runs it.</summary>
internal static class ClientProcess
{
    public static ChildProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
        start.ArgumentList.Add(KafkaDevBroker.ClientAssemblyPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        return ChildProcess.Start(start, $"client {string.Join(' ', args)}");
    }

    /// <summary>Runs the client to its end; its exit code and everything it printed (stdout and stderr).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, params string[] args)
    {
        using var process = Start(args);
        if (!await process.WaitForExitAsync(timeout))
        {
            await process.KillAndWaitAsync();
            throw new TimeoutException($"client {string.Join(' ', args)} did not exit within {timeout}; it printed:\n{process.Output}");
        }

        return (process.ExitCode, process.Output);
    }

    /// <summary>SIGTERM, which the client handles like Ctrl-C (scripts/run.sh forwards Ctrl-C this way).</summary>
    public static async Task TerminateAsync(ChildProcess process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }
}
