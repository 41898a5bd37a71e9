namespace MultiAgent.Runtime.Storage;

/// <summary>Creates the fresh state used when nothing is stored or after a clear.</summary>
internal static class NewState
{
    public static T Create<T>(string stateName) =>
        Constructible<T>.Value
            ? Activator.CreateInstance<T>()
            : throw new InvalidOperationException(
                $"State '{stateName}' has type {typeof(T)}, which has no public parameterless constructor. " +
                "The runtime creates a new instance when nothing is stored and after a clear; add one to the type.");

    // Checked once per type rather than by catching MissingMethodException on every activation.
    private static class Constructible<T>
    {
        public static readonly bool Value =
            typeof(T).IsValueType || (!typeof(T).IsAbstract && typeof(T).GetConstructor(Type.EmptyTypes) is not null);
    }
}
