using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Hosting;

namespace MultiAgent.Runtime.Messaging;

/// <summary>Where a silo listens and how others reach it. Section <c>MultiAgent:Endpoints</c>.</summary>
public sealed class EndpointOptions
{
    public const string SectionName = ConfigurationKeys.Root + ":Endpoints";

    /// <summary>The address to bind; 0.0.0.0 to accept from other machines.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The address other silos and clients use to reach this silo (written to the membership table).</summary>
    public string AdvertisedHost { get; set; } = "127.0.0.1";

    /// <summary>Silo-to-silo port; 0 picks a free one.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port; 0 picks a free one, -1 takes no clients.</summary>
    public int GatewayPort { get; set; } = 30000;
}

internal sealed class EndpointOptionsValidator : IValidateOptions<EndpointOptions>
{
    public ValidateOptionsResult Validate(string? name, EndpointOptions options)
    {
        var errors = new List<string>();
        if (!System.Net.IPAddress.TryParse(options.ListenAddress, out _))
        {
            errors.Add($"{EndpointOptions.SectionName}:{nameof(options.ListenAddress)} must be an IP address such as 0.0.0.0 (was '{options.ListenAddress}').");
        }

        if (string.IsNullOrWhiteSpace(options.AdvertisedHost))
        {
            errors.Add($"{EndpointOptions.SectionName}:{nameof(options.AdvertisedHost)} must not be empty.");
        }

        if (options.SiloPort is < 0 or > 65535)
        {
            errors.Add($"{EndpointOptions.SectionName}:{nameof(options.SiloPort)} must be a port 0–65535 (was {options.SiloPort}).");
        }

        if (options.GatewayPort is < -1 or > 65535)
        {
            errors.Add($"{EndpointOptions.SectionName}:{nameof(options.GatewayPort)} must be a port 0–65535, or -1 for none (was {options.GatewayPort}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
