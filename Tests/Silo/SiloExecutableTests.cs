using MultiAgent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MultiAgent.Tests.Silo;

/// <summary>The stock silo executable's start-up choices: grain assemblies from configuration, clustered or alone.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class SiloExecutableTests(ITestOutputHelper log)
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_missing_grain_assembly_stops_start_up_with_an_error_naming_the_key_and_the_path()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-such-grains-{Guid.NewGuid():N}.dll");
        await using var silo = SiloProcess.Start("silo-misconfigured", new Dictionary<string, string>
        {
            ["MultiAgent:Silo:GrainAssemblies:0"] = missing,
        }, log);

        Assert.True(await silo.WaitForExitAsync(ExitTimeout), "the silo did not exit");
        Assert.Equal(2, silo.ExitCode);
        var error = Assert.Single(silo.Output.Split('\n'), line => line.Contains("configuration error", StringComparison.Ordinal));
        Assert.Contains("MultiAgent:Silo:GrainAssemblies:0", error, StringComparison.Ordinal);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_fleet_setting_stops_start_up_with_an_error_naming_each_key()
    {
        await using var silo = SiloProcess.Start("silo-bad-fleet", new Dictionary<string, string>
        {
            ["MultiAgent:Fleet:Scheduler:Assignment:Policy"] = "fastest",
            ["MultiAgent:Fleet:Scheduler:MaxBacklog"] = "0",
        }, log);

        Assert.True(await silo.WaitForExitAsync(ExitTimeout), "the silo did not exit");
        Assert.Equal(2, silo.ExitCode);
        var error = Assert.Single(silo.Output.Split('\n'), line => line.Contains("configuration error", StringComparison.Ordinal));
        Assert.Contains("MultiAgent:Fleet:Scheduler:Assignment:Policy: 'fastest' is not a policy", error, StringComparison.Ordinal);
        Assert.Contains("MultiAgent:Fleet:Scheduler:MaxBacklog: must be at least 1, got 0", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_membership_connection_string_the_silo_runs_alone_and_stops_on_SIGTERM()
    {
        await using var silo = await SiloProcess.StartAsync("silo-alone", new Dictionary<string, string>(), log);

        var health = await silo.GetHealthAsync();
        Assert.NotNull(health);
        Assert.Equal("healthy", health.Status);
        Assert.Equal("silo-alone", health.Silo);
        Assert.Null(health.SiloAddress);
        Assert.Null(health.ActiveSilos);
        Assert.DoesNotContain("joined the membership table", silo.Output, StringComparison.Ordinal);

        silo.Terminate();
        Assert.True(await silo.WaitForExitAsync(ExitTimeout), "the silo did not exit after SIGTERM");
        Assert.Equal(0, silo.ExitCode);
    }
}
