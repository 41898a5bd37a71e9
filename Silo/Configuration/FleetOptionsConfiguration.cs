using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Grains.Fleet;
using MultiAgent.Runtime.Hosting;

namespace MultiAgent.Silo.Configuration;

/// <summary>
/// The fleet grains' settings from <c>MultiAgent:Fleet:Scheduler</c> (assignment policy, backlog, ...) and
/// <c>MultiAgent:Fleet:Robots</c> (heartbeat timeout, battery, ...), checked at start: a bad value stops the
/// silo with every problem named by its key, instead of surfacing in the first grain that reads it.
/// </summary>
internal static class FleetOptionsConfiguration
{
    public static ISiloBuilder AddConfiguredFleetOptions(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton(Bind<SchedulerOptions>(silo.Configuration, SchedulerOptions.SectionName, o => o.Problems()));
        silo.Services.AddSingleton(Bind<RobotOptions>(silo.Configuration, RobotOptions.SectionName, o => o.Problems()));
        return silo;
    }

    private static T Bind<T>(IConfiguration configuration, string section, Func<T, IReadOnlyList<string>> problems)
        where T : new()
    {
        var options = new T();
        configuration.GetSection($"{ConfigurationKeys.Root}:{section}").Bind(options);
        var found = problems(options);
        return found.Count == 0
            ? options
            : throw new InvalidOperationException(string.Join(" ", found.Select(p => $"{ConfigurationKeys.Root}:{p}")));
    }
}
