using Microsoft.Extensions.Options;

namespace MultiAgent.Silo.Configuration;

/// <summary>Recognises start-up failures caused by configuration, so they print as one line naming the key rather than a stack trace.</summary>
internal static class ConfigurationError
{
    public static string? Describe(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case OptionsValidationException validation:
                    return string.Join(" ", validation.Failures);
                case InvalidOperationException invalid when invalid.Message.Contains("MultiAgent:", StringComparison.Ordinal)
                                                         || invalid.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal):
                    return invalid.Message;
            }
        }

        return null;
    }
}
