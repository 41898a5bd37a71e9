using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace MultiAgent.Runtime.Messaging.Transport;

/// <summary>How the pool opens a connection: retry socket failures with jittered exponential back-off, all within the connect timeout.</summary>
internal static class ConnectRetryPipeline
{
    public static ResiliencePipeline Create(TransportOptions options, ILogger logger, TimeProvider timeProvider)
    {
        return new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            // Outermost, so the timeout bounds the attempts and the waits between them together.
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.ConnectTimeout })
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<SocketException>().Handle<IOException>(),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ReconnectBaseDelay,
                MaxDelay = options.ReconnectMaxDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(RemoteEndPointKey, out var endpoint))
                    {
                        logger.ConnectRetrying(args.Outcome.Exception, endpoint, args.AttemptNumber + 1, args.RetryDelay);
                    }

                    return default;
                },
            })
            .Build();
    }

    /// <summary>Carries the endpoint into the retry callback, for the log.</summary>
    public static readonly ResiliencePropertyKey<System.Net.EndPoint> RemoteEndPointKey = new("MultiAgent.Transport.RemoteEndPoint");
}
