using System.Globalization;

namespace MultiAgent.Runtime.Kafka;

/// <summary>
/// The command line of a <c>kafka-dev</c> broker process (<c>--brokers N --topics a:8,b:1 --port-file PATH
/// --exit-on-stdin-close</c>): written by <see cref="KafkaDevBrokerProcess"/>, read by hosts without a
/// command-line library (the benchmarks). <c>multiagent-client kafka-dev</c> accepts the same options.
/// </summary>
public static class KafkaDevArguments
{
    public const string Brokers = "--brokers";
    public const string Topics = "--topics";
    public const string PortFile = "--port-file";
    public const string ExitOnStdinClose = "--exit-on-stdin-close";

    public static IReadOnlyList<string> Format(KafkaDevHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var arguments = new List<string>
        {
            Brokers, options.Brokers.ToString(CultureInfo.InvariantCulture),
            Topics, string.Join(',', options.Topics),
        };
        if (options.PortFile is not null)
        {
            arguments.AddRange([PortFile, options.PortFile]);
        }

        if (options.ExitOnStdinClose)
        {
            arguments.Add(ExitOnStdinClose);
        }

        return arguments;
    }

    /// <summary>Parses what <see cref="Format"/> writes; an unknown or malformed argument is an error naming it.</summary>
    public static bool TryParse(IReadOnlyList<string> arguments, out KafkaDevHostOptions options, out string error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        options = new KafkaDevHostOptions();
        error = string.Empty;
        try
        {
            for (var i = 0; i < arguments.Count; i++)
            {
                var value = i + 1 < arguments.Count ? arguments[i + 1] : null;
                switch (arguments[i])
                {
                    case Brokers when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var brokers) && brokers >= 1:
                        options = options with { Brokers = brokers };
                        i++;
                        break;
                    case Topics when value is not null:
                        options = options with { Topics = KafkaTopicSpec.ParseList(value) };
                        i++;
                        break;
                    case PortFile when !string.IsNullOrEmpty(value):
                        options = options with { PortFile = value };
                        i++;
                        break;
                    case ExitOnStdinClose:
                        options = options with { ExitOnStdinClose = true };
                        break;
                    default:
                        error = $"unexpected argument '{arguments[i]}'{(value is null ? " (missing its value?)" : string.Empty)}";
                        return false;
                }
            }
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return false;
        }

        return true;
    }
}
