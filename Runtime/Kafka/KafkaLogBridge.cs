using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace MultiAgent.Runtime.Kafka;

/// <summary>Routes librdkafka's log lines (syslog levels) into <see cref="ILogger"/> instead of stderr.</summary>
public static partial class KafkaLogBridge
{
    public static void Log(ILogger logger, LogMessage message)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(message);
        LibrdkafkaLog(logger, ToLogLevel(message.Level), message.Name, message.Facility, message.Message);
    }

    public static LogLevel ToLogLevel(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };

    [LoggerMessage(EventId = 7100, Message = "librdkafka {Client} {Facility}: {Text}")]
    private static partial void LibrdkafkaLog(ILogger logger, LogLevel level, string client, string facility, string text);
}
