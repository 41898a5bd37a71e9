using Microsoft.CodeAnalysis;

namespace MultiAgent.Runtime.CodeGen;

/// <summary>
/// Errors for grain code the generator cannot support. All are errors, not warnings: a grain
/// interface that silently gets no proxy would only fail later, at run time.
/// </summary>
internal static class Diagnostics
{
    private const string Category = "MultiAgent.CodeGen";

    public static readonly DiagnosticDescriptor InvalidReturnType = Error(
        "MAGEN001",
        "Grain method must return Task, Task<T>, ValueTask or ValueTask<T>",
        "Grain interface method '{0}.{1}' returns '{2}'; grain methods must return Task, Task<T>, ValueTask or ValueTask<T>");

    public static readonly DiagnosticDescriptor PropertyOrEvent = Error(
        "MAGEN002",
        "Grain interfaces may only declare methods",
        "Grain interface '{0}' declares the {1} '{2}'; grain interfaces may only declare methods");

    public static readonly DiagnosticDescriptor GenericMethod = Error(
        "MAGEN003",
        "Grain methods cannot be generic",
        "Grain interface method '{0}.{1}' is generic; grain methods cannot have type parameters");

    public static readonly DiagnosticDescriptor ByRefParameter = Error(
        "MAGEN004",
        "Grain method parameters cannot be ref, out or in",
        "Parameter '{2}' of grain interface method '{0}.{1}' is passed by reference ({3}); grain method arguments are copied into a message, so they cannot be ref, out or in");

    public static readonly DiagnosticDescriptor GenericInterface = Error(
        "MAGEN005",
        "Grain interfaces cannot be generic",
        "Grain interface '{0}' is generic; generic grain interfaces are not supported, so no proxy is generated for it");

    public static readonly DiagnosticDescriptor OneWayWithResult = Error(
        "MAGEN006",
        "One-way grain methods cannot return a value",
        "Grain interface method '{0}.{1}' is [OneWay] but returns '{2}'; a one-way call gets no response, so it must return Task or ValueTask");

    public static readonly DiagnosticDescriptor InvalidResponseTimeout = Error(
        "MAGEN007",
        "Response timeout must be a positive TimeSpan",
        "[ResponseTimeout(\"{2}\")] on grain interface method '{0}.{1}' is not a positive TimeSpan such as \"00:00:05\"");

    public static readonly DiagnosticDescriptor InaccessibleInterface = Error(
        "MAGEN008",
        "Grain interfaces must be public or internal",
        "Grain interface '{0}' is not visible to the rest of its assembly; make it (and any type containing it) public or internal so generated proxies can implement it");

    public static readonly DiagnosticDescriptor InaccessibleClass = Error(
        "MAGEN009",
        "Grain classes must be public or internal",
        "Grain class '{0}' is not visible to the rest of its assembly; make it (and any type containing it) public or internal so the generated manifest can register it");

    public static readonly DiagnosticDescriptor UnsupportedParameterType = Error(
        "MAGEN010",
        "Grain method parameters cannot be ref structs or pointers",
        "Parameter '{2}' of grain interface method '{0}.{1}' has type '{3}', which cannot be stored in a request; use an array or another heap type");

    public static readonly DiagnosticDescriptor StaticAbstractMember = Error(
        "MAGEN011",
        "Grain interfaces cannot have static abstract members",
        "Grain interface '{0}' declares the static abstract member '{1}'; a proxy cannot implement it, and the interface could not be used as a type argument");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
