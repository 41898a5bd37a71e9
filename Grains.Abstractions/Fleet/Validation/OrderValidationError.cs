namespace MultiAgent.Grains.Fleet.Validation;

/// <param name="Field">The JSON path of the offending member in camelCase (e.g. <c>pickLocation.x</c>); <c>$</c> for the message as a whole.</param>
public sealed record OrderValidationError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
