using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using MultiAgent.Grains.Fleet;

namespace MultiAgent.Client.Commands.Fleet;

/// <summary>Options and value parsers shared by the fleet commands; every bad value is a parse error naming the option.</summary>
internal static class FleetOptions
{
    /// <param name="defaultValue">When null, the option is required.</param>
    public static Option<string> Warehouse(string description = "The warehouse id.", string? defaultValue = null)
    {
        var option = new Option<string>("--warehouse", "-w") { Description = description, Validators = { RequireNonEmpty } };
        if (defaultValue is null)
        {
            option.Required = true;
        }
        else
        {
            option.DefaultValueFactory = _ => defaultValue;
        }

        return option;
    }

    public static Option<string> Kafka() => new("--kafka", "-k")
    {
        Description = "Kafka bootstrap servers, host:port[,host:port].",
        Required = true,
        Validators =
        {
            result =>
            {
                var value = result.GetValueOrDefault<string>();
                if (string.IsNullOrWhiteSpace(value) || value.Split(',').Any(s => !s.Contains(':')))
                {
                    result.AddError($"--kafka: '{value}' is not a bootstrap list; expected host:port[,host:port].");
                }
            },
        },
    };

    public static Option<int> PositiveInt(string name, string description, int? defaultValue = null, int max = int.MaxValue)
    {
        var option = new Option<int>(name) { Description = description };
        if (defaultValue is { } d)
        {
            option.DefaultValueFactory = _ => d;
        }
        else
        {
            option.Required = true;
        }

        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out int value) && (value < 1 || value > max))
            {
                result.AddError(max == int.MaxValue
                    ? $"{name} must be a positive integer, got {value}."
                    : $"{name} must be between 1 and {max}, got {value}.");
            }
        });
        return option;
    }

    public static Option<int> NonNegativeInt(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out int value) && value < 0)
            {
                result.AddError($"{name} must be 0 or more, got {value}.");
            }
        });
        return option;
    }

    public static Option<int?> OptionalPositiveInt(string name, string description)
    {
        var option = new Option<int?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out int? value) && value < 1)
            {
                result.AddError($"{name} must be a positive integer, got {value}.");
            }
        });
        return option;
    }

    public static Option<double> PositiveDouble(string name, string description, double defaultValue)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (TryGetValue(result, out double value) && (!(value > 0) || double.IsInfinity(value)))
            {
                result.AddError($"{name} must be a positive number, got {value.ToString(CultureInfo.InvariantCulture)}.");
            }
        });
        return option;
    }

    public static Option<double> Battery(bool required) => new("--battery", "-b")
    {
        Description = "State of charge from 0 (empty) to 1 (full).",
        Required = required,
        DefaultValueFactory = _ => 1.0,
        Validators =
        {
            result =>
            {
                if (TryGetValue(result, out double value) && !(value >= 0 && value <= 1))
                {
                    result.AddError($"--battery must be between 0 and 1, got {value.ToString(CultureInfo.InvariantCulture)}.");
                }
            },
        },
    };

    public static Option<GridPoint> Position(bool required = true) => new("--position", "-p")
    {
        Description = "A grid cell as x,y (non-negative integers), e.g. 4,7.",
        Required = required,
        CustomParser = ParsePoint,
    };

    public static Option<GridPoint[]> Points(string name, string description) => new(name)
    {
        Description = description,
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result => [.. result.Tokens.Select(t => ParsePoint(result, t.Value))],
    };

    public static GridPoint ParsePoint(ArgumentResult result) =>
        result.Tokens.Count == 1 ? ParsePoint(result, result.Tokens[0].Value) : default;

    private static GridPoint ParsePoint(ArgumentResult result, string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var x)
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var y)
            && x >= 0 && y >= 0)
        {
            return new GridPoint(x, y);
        }

        result.AddError($"{OptionName(result)}: '{text}' is not a grid cell; expected x,y with non-negative integers, e.g. 4,7.");
        return default;
    }

    /// <summary>"1s", "500ms", "2m", "1.5" (seconds) or hh:mm:ss.</summary>
    public static TimeSpan ParseDuration(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value.Trim() : "";
        TimeSpan? value = text switch
        {
            _ when text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => Number(text[..^2], 1e-3),
            _ when text.EndsWith('s') || text.EndsWith('S') => Number(text[..^1], 1),
            _ when text.EndsWith('m') || text.EndsWith('M') => Number(text[..^1], 60),
            _ when text.Contains(':') && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var t) => t,
            _ => Number(text, 1),
        };
        if (value is not { } v || v <= TimeSpan.Zero)
        {
            result.AddError($"{OptionName(result)}: '{text}' is not a positive duration; use e.g. 1s, 500ms or 2m.");
            return TimeSpan.FromSeconds(1);
        }

        return v;

        static TimeSpan? Number(string s, double secondsPerUnit) =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 && n * secondsPerUnit < 86_400
                ? TimeSpan.FromSeconds(n * secondsPerUnit)
                : null;
    }

    public static void RequireNonEmpty(OptionResult result)
    {
        var value = result.GetValueOrDefault<string>();
        if (string.IsNullOrWhiteSpace(value))
        {
            result.AddError($"{result.Option.Name} must not be empty.");
        }
        else if (value.Length > Order.MaxIdLength)
        {
            result.AddError($"{result.Option.Name} is {value.Length} characters long; at most {Order.MaxIdLength} are allowed.");
        }
    }

    /// <summary>
    /// The option's value; false when its token did not convert. Validators run even then, and reading the value
    /// would throw instead of letting the parser report "Cannot parse argument 'x' for option '--name'".
    /// </summary>
    private static bool TryGetValue<T>(OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }

    private static string OptionName(ArgumentResult result) => result.Parent is OptionResult o ? o.Option.Name : result.Argument.Name;

    /// <summary>Evenly spread <paramref name="count"/> cells along one edge of length <paramref name="length"/>.</summary>
    public static IEnumerable<int> Spread(int count, int length)
    {
        count = Math.Clamp(count, 0, length);
        for (var i = 0; i < count; i++)
        {
            yield return (int)((i + 0.5) * length / count);
        }
    }

    public static string Format(GridPoint p) => $"{p.X},{p.Y}";
}
