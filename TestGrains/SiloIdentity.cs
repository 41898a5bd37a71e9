using Microsoft.Extensions.Configuration;

namespace MultiAgent.TestGrains;

/// <summary>
/// The name of the silo a grain runs on, from <c>MultiAgent:Silo:SiloName</c> (the default the runtime
/// uses when that is unset). Read from configuration so this assembly needs only Runtime.Abstractions.
/// </summary>
internal static class SiloIdentity
{
    public static string NameFrom(IConfiguration configuration) =>
        configuration["MultiAgent:Silo:SiloName"] is { Length: > 0 } name ? name : $"{Environment.MachineName}-{Environment.ProcessId}";
}
