using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Hosting;

namespace MultiAgent.Runtime.Client;

/// <summary>How a cluster client finds and talks to the cluster. Section <c>MultiAgent:Client</c>.</summary>
public sealed class ClusterClientOptions
{
    public const string SectionName = ConfigurationKeys.Root + ":Client";

    public string ClusterId { get; set; } = "dev";

    /// <summary>Gateways as <c>host:port</c>; used when no membership connection string is given, and as a fallback.</summary>
    public List<string> Gateways { get; set; } = [];

    /// <summary>Redis holding the cluster's membership table: gateways are discovered from it and kept current.</summary>
    public string? MembershipConnectionString { get; set; }

    /// <summary>Key prefix of the membership table in Redis (as the silos' <c>MultiAgent:Membership:KeyPrefix</c>).</summary>
    public string MembershipKeyPrefix { get; set; } = "multiagent";

    /// <summary>Default deadline of a call; [ResponseTimeout] and GrainCallScope override it.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the gateway list is re-read from the membership table.</summary>
    public TimeSpan GatewayRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long <c>ConnectAsync</c> keeps trying before it reports that no gateway answers.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);
}

internal sealed class ClusterClientOptionsValidator : IValidateOptions<ClusterClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterClientOptions options)
    {
        var errors = new List<string>();
        var section = ClusterClientOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            errors.Add($"{section}:ClusterId must not be empty.");
        }

        if (options.Gateways.Count == 0 && string.IsNullOrWhiteSpace(options.MembershipConnectionString))
        {
            errors.Add($"{section}:Gateways (host:port, …) or {section}:MembershipConnectionString (Redis) is required to find the cluster.");
        }

        foreach (var gateway in options.Gateways)
        {
            if (!GatewayEndpoints.TryParse(gateway, out _))
            {
                errors.Add($"{section}:Gateways has '{gateway}', which is not host:port.");
            }
        }

        SiloOptionsValidator.RequirePositive(errors, section, nameof(options.ResponseTimeout), options.ResponseTimeout);
        SiloOptionsValidator.RequirePositive(errors, section, nameof(options.GatewayRefreshInterval), options.GatewayRefreshInterval);
        SiloOptionsValidator.RequirePositive(errors, section, nameof(options.ConnectTimeout), options.ConnectTimeout);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
