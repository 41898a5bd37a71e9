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
    [InlineData("Cannot parse argument 'abc' for option '--count'", "robots", "spawn", "--warehouse", "wh", "--count", "abc")]
    [InlineData("--robots must be between 1 and 100000, got 0.", "fleet", "demo", "--kafka", "127.0.0.1:9092", "--robots", "0")]
    [InlineData("Cannot parse argument 'many' for option '--robots'", "fleet", "demo", "--kafka", "127.0.0.1:9092", "--robots", "many")]
    [InlineData("--rate must be a positive number, got 0.", "fleet", "demo", "--kafka", "127.0.0.1:9092", "--rate", "0")]
    [InlineData("--time-scale must be a positive number, got -1.", "fleet", "demo", "--kafka", "127.0.0.1:9092", "--time-scale", "-1")]
    [InlineData("--orders and --duration are alternatives", "fleet", "demo", "--kafka", "127.0.0.1:9092", "--orders", "10", "--duration", "5s")]
    [InlineData("--duration: 'later' is not a positive duration", "fleet", "demo", "--kafka", "127.0.0.1:9092", "--duration", "later")]
    [InlineData("--drain-timeout: '0s' is not a positive duration", "fleet", "demo", "--kafka", "127.0.0.1:9092", "--drain-timeout", "0s")]
    [InlineData("--kafka: 'nowhere' is not a bootstrap list", "fleet", "demo", "--kafka", "nowhere")]
    [InlineData("--warehouse must not be empty.", "fleet", "demo", "--kafka", "127.0.0.1:9092", "--warehouse", " ")]
    [InlineData("--pick-stations and --drop-stations must each be at least 1", "fleet", "demo", "--kafka", "127.0.0.1:9092", "--drop-stations", "0")]
    [InlineData("--chargers must be 0 or more, got -1.", "fleet", "demo", "--kafka", "127.0.0.1:9092", "--chargers", "-1")]
    public async Task Bad_values_name_the_option_and_exit_non_zero(string expected, params string[] args)
    {
        var (exitCode, output) = await RunClientAsync(args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_demo_dry_run_prints_the_plan_without_connecting()
    {
        // Port 9 (discard) has no Kafka and no gateway listens on the default: a dry run must not need either.
        var (exitCode, output) = await RunClientAsync("fleet", "demo", "--kafka", "127.0.0.1:9", "--duration", "20s", "--rate", "5", "--robots", "12", "--dry-run");

        Assert.Equal(0, exitCode);
        Assert.Contains("dry run: nothing was started", output, StringComparison.Ordinal);
        Assert.Contains("100 at 5/s", output, StringComparison.Ordinal);
        Assert.Contains("12 simulated", output, StringComparison.Ordinal);
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

    private static Task<(int ExitCode, string Output)> RunClientAsync(params string[] args) => ClientProcess.RunAsync(Timeout, args);
}
