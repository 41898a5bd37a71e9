using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Hosting;

namespace MultiAgent.Runtime.Membership;

/// <summary>Start-up checks of <see cref="MembershipOptions"/>; each failure names the configuration key to fix.</summary>
internal sealed class MembershipOptionsValidator : IValidateOptions<MembershipOptions>
{
    /// <summary>Fewer missed heartbeats than this would declare a silo dead for one late write.</summary>
    internal const int MinimumHeartbeatsPerDeathTimeout = 2;

    public ValidateOptionsResult Validate(string? name, MembershipOptions options)
    {
        var errors = Problems(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Also used by <see cref="MembershipService"/>, so an unvalidated container fails with the same words.</summary>
    internal static IEnumerable<string> Problems(MembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var section = MembershipOptions.SectionName;
        SiloOptionsValidator.RequirePositive(errors, section, nameof(options.HeartbeatInterval), options.HeartbeatInterval);
        SiloOptionsValidator.RequirePositive(errors, section, nameof(options.DeathTimeout), options.DeathTimeout);
        SiloOptionsValidator.RequirePositive(errors, section, nameof(options.TableRefreshInterval), options.TableRefreshInterval);
        SiloOptionsValidator.RequirePositive(errors, section, nameof(options.DefunctSiloRetention), options.DefunctSiloRetention);
        if (errors.Count == 0 && options.DeathTimeout < options.HeartbeatInterval * MinimumHeartbeatsPerDeathTimeout)
        {
            errors.Add(
                $"{section}:{nameof(options.DeathTimeout)} ({options.DeathTimeout}) must be at least {MinimumHeartbeatsPerDeathTimeout} × " +
                $"{section}:{nameof(options.HeartbeatInterval)} ({options.HeartbeatInterval}), or one late heartbeat gets a live silo declared dead.");
        }

        if (errors.Count == 0 && options.DefunctSiloRetention < options.DeathTimeout)
        {
            errors.Add(
                $"{section}:{nameof(options.DefunctSiloRetention)} ({options.DefunctSiloRetention}) must be at least " +
                $"{section}:{nameof(options.DeathTimeout)} ({options.DeathTimeout}), so a silo that was declared dead can still read that it was.");
        }

        return errors;
    }
}
