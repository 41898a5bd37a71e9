using Microsoft.Extensions.Options;

namespace MultiAgent.Runtime.Hosting;

/// <summary>Start-up checks of the runtime's options; each failure names the configuration key to fix.</summary>
internal sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var errors = new List<string>();
        RequireText(errors, ConfigurationKeys.Silo, nameof(options.ClusterId), options.ClusterId);
        RequireText(errors, ConfigurationKeys.Silo, nameof(options.ServiceId), options.ServiceId);
        RequireText(errors, ConfigurationKeys.Silo, nameof(options.SiloName), options.SiloName);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static void RequireText(List<string> errors, string section, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{section}:{key} must not be empty.");
        }
    }

    internal static void RequirePositive(List<string> errors, string section, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{section}:{key} must be a positive duration such as 00:00:30 (was {value}).");
        }
    }
}

internal sealed class MessagingOptionsValidator : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        var errors = new List<string>();
        SiloOptionsValidator.RequirePositive(errors, ConfigurationKeys.Messaging, nameof(options.ResponseTimeout), options.ResponseTimeout);
        SiloOptionsValidator.RequirePositive(errors, ConfigurationKeys.Messaging, nameof(options.ResponseTimeoutCheckInterval), options.ResponseTimeoutCheckInterval);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class GrainCollectionOptionsValidator : IValidateOptions<GrainCollectionOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainCollectionOptions options)
    {
        var errors = new List<string>();
        var section = ConfigurationKeys.GrainCollection;
        SiloOptionsValidator.RequirePositive(errors, section, nameof(options.CollectionAge), options.CollectionAge);
        SiloOptionsValidator.RequirePositive(errors, section, nameof(options.CollectionQuantum), options.CollectionQuantum);
        SiloOptionsValidator.RequirePositive(errors, section, nameof(options.DeactivationTimeout), options.DeactivationTimeout);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
