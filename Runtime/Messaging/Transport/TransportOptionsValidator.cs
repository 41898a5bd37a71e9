using Microsoft.Extensions.Options;

namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>Start-up checks of <see cref="TransportOptions"/>; every message names the configuration key to fix.</summary>
internal sealed class TransportOptionsValidator : IValidateOptions<TransportOptions>
{
    /// <summary>Frames are addressed with a signed 32-bit length; 1 GiB keeps every buffer comfortably allocatable.</summary>
    internal const int MaxFrameSizeLimit = 1024 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, TransportOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Also called by the transport's constructors, so options built in code fail with the same words.</summary>
    internal static void ThrowIfInvalid(TransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(options).ToList();
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(TransportOptions.SectionName, typeof(TransportOptions), problems);
        }
    }

    internal static IEnumerable<string> Problems(TransportOptions options)
    {
        const string section = TransportOptions.SectionName;
        if (options.MaxFrameSize is < 1 or > MaxFrameSizeLimit)
        {
            yield return $"{section}:{nameof(options.MaxFrameSize)} must be between 1 and {MaxFrameSizeLimit} bytes (was {options.MaxFrameSize}).";
        }

        if (options.ConnectionsPerEndpoint is < 1 or > 64)
        {
            yield return $"{section}:{nameof(options.ConnectionsPerEndpoint)} must be between 1 and 64 (was {options.ConnectionsPerEndpoint}).";
        }

        foreach (var (key, value) in new[]
        {
            (nameof(options.ConnectTimeout), options.ConnectTimeout),
            (nameof(options.ReconnectBaseDelay), options.ReconnectBaseDelay),
            (nameof(options.ReconnectMaxDelay), options.ReconnectMaxDelay),
            (nameof(options.HandshakeTimeout), options.HandshakeTimeout),
            (nameof(options.CloseTimeout), options.CloseTimeout),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"{section}:{key} must be a positive duration such as 00:00:05 (was {value}).";
            }
        }

        if (options.ReconnectMaxDelay < options.ReconnectBaseDelay)
        {
            yield return $"{section}:{nameof(options.ReconnectMaxDelay)} ({options.ReconnectMaxDelay}) must not be shorter than {nameof(options.ReconnectBaseDelay)} ({options.ReconnectBaseDelay}).";
        }

        if (options.SendPauseThreshold < 1)
        {
            yield return $"{section}:{nameof(options.SendPauseThreshold)} must be positive (was {options.SendPauseThreshold}).";
        }

        if (options.SendResumeThreshold < 0 || options.SendResumeThreshold > options.SendPauseThreshold)
        {
            yield return $"{section}:{nameof(options.SendResumeThreshold)} must be between 0 and {nameof(options.SendPauseThreshold)} ({options.SendPauseThreshold}) (was {options.SendResumeThreshold}).";
        }

        if (options.MaxPendingSendBytes < options.SendPauseThreshold)
        {
            yield return $"{section}:{nameof(options.MaxPendingSendBytes)} must be at least {nameof(options.SendPauseThreshold)} ({options.SendPauseThreshold}) (was {options.MaxPendingSendBytes}).";
        }

        if (options.ListenBacklog < 1)
        {
            yield return $"{section}:{nameof(options.ListenBacklog)} must be positive (was {options.ListenBacklog}).";
        }
    }
}
