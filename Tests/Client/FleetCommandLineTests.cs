using System.Diagnostics;
using MultiAgent.Tests.Infrastructure;

namespace MultiAgent.Tests.Client;

/// <summary>
/// The fleet commands of <c>MultiAgent.Client.dll</c>, run as a child process: bad values are rejected at
/// parse time, before any connection, with a message naming the option and a non-zero exit.
/// </summary>
public sealed class FleetCommandLineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("--count must be between 1 and 100000, got 0.", "robots", "spawn", "--warehouse", "wh", "--count", "0")]
    [InlineData("--speed must be a positive number, got -2.", "robots", "spawn", "--warehouse", "wh", "--count", "3", "--speed", "-2")]
    [InlineData("Option '--warehouse' is required.", "robots", "spawn", "--count", "3")]
    [InlineData("--rate must be a positive number, got 0.", "orders", "produce", "--kafka", "127.0.0.1:9092", "--warehouse", "wh", "--rate", "0")]
    [InlineData("--kafka: 'nowhere' is not a bootstrap list", "orders", "produce", "--kafka", "nowhere", "--warehouse", "wh")]
    [InlineData("--width and --height go together", "orders", "produce", "--kafka", "127.0.0.1:9092", "--warehouse", "wh", "--width", "10")]
    [InlineData("--interval: 'soon' is not a positive duration", "fleet", "watch", "--warehouse", "wh", "--interval", "soon")]
    [InlineData("--position: '4;7' is not a grid cell", "robot", "heartbeat", "r1", "--position", "4;7", "--battery", "0.5")]
    [InlineData("--battery must be between 0 and 1, got 1.5.", "robot", "progress", "r1", "--task", "t1", "--position", "4,7", "--battery", "1.5")]
    [InlineData("Option '--reason' is required.", "robot", "fault", "r1", "--task", "t1")]
    [InlineData("--height must be between 1 and 100000, got -3.", "warehouse", "configure", "wh", "--width", "10", "--height", "-3")]
    public async Task Bad_values_name_the_option_and_exit_non_zero(string expected, params string[] args)
    {
        var (exitCode, output) = await RunClientAsync(args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_root_help_lists_the_fleet_commands()
    {
        var (exitCode, output) = await RunClientAsync("--help");

        Assert.Equal(0, exitCode);
        foreach (var command in new[] { "warehouse", "robots", "orders", "fleet", "robot" })
        {
            Assert.Contains($"  {command} ", output, StringComparison.Ordinal);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunClientAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(KafkaDevBroker.ClientAssemblyPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        using var timeout = new CancellationTokenSource(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"client {string.Join(' ', args)} did not exit within {Timeout}.");
        }

        return (process.ExitCode, await stderr + await stdout);
    }
}
