using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Messaging.Transport;

namespace MultiAgent.Tests.Messaging.Transport;

public sealed class TransportOptionsTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        var defaults = new TransportOptions();

        Assert.True(new TransportOptionsValidator().Validate(null, defaults).Succeeded);
        Assert.Equal(16 * 1024 * 1024, defaults.MaxFrameSize);
        Assert.Equal(1, defaults.ConnectionsPerEndpoint);
        Assert.True(defaults.SocketNoDelay);
    }

    [Theory]
    [InlineData(nameof(TransportOptions.MaxFrameSize))]
    [InlineData(nameof(TransportOptions.ConnectionsPerEndpoint))]
    [InlineData(nameof(TransportOptions.ConnectTimeout))]
    [InlineData(nameof(TransportOptions.SendResumeThreshold))]
    [InlineData(nameof(TransportOptions.MaxPendingSendBytes))]
    [InlineData(nameof(TransportOptions.ReconnectMaxDelay))]
    public void A_bad_value_is_reported_with_its_configuration_key(string key)
    {
        var options = new TransportOptions();
        switch (key)
        {
            case nameof(TransportOptions.MaxFrameSize): options.MaxFrameSize = 0; break;
            case nameof(TransportOptions.ConnectionsPerEndpoint): options.ConnectionsPerEndpoint = 0; break;
            case nameof(TransportOptions.ConnectTimeout): options.ConnectTimeout = TimeSpan.Zero; break;
            case nameof(TransportOptions.SendResumeThreshold): options.SendResumeThreshold = options.SendPauseThreshold + 1; break;
            case nameof(TransportOptions.MaxPendingSendBytes): options.MaxPendingSendBytes = 1; break;
            case nameof(TransportOptions.ReconnectMaxDelay): options.ReconnectMaxDelay = TimeSpan.FromMilliseconds(1); break;
        }

        var result = new TransportOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"MultiAgent:Transport:{key}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_transport_refuses_invalid_options_built_in_code()
    {
        using var loggers = new CapturingLoggerProvider().CreateFactory();
        var error = Assert.Throws<OptionsValidationException>(() =>
            new ConnectionPool(new FrameSink(), new TransportOptions { MaxFrameSize = -1 }, loggers));

        Assert.Contains("MultiAgent:Transport:MaxFrameSize", error.Message, StringComparison.Ordinal);
    }
}
