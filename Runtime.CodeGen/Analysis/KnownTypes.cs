using System.Linq;
using Microsoft.CodeAnalysis;

namespace MultiAgent.Runtime.CodeGen.Analysis;

/// <summary>
/// Recognizes runtime and BCL types by name. Matching names is cheaper than looking types up in
/// the compilation for every syntax node, and works whichever assembly the type comes from.
/// </summary>
internal static class KnownTypes
{
    private static readonly string[] RuntimeNamespace = { "MultiAgent", "Runtime" };
    private static readonly string[] TasksNamespace = { "System", "Threading", "Tasks" };
    private static readonly string[] CodeAnalysisNamespace = { "System", "Diagnostics", "CodeAnalysis" };

    /// <summary>Interfaces that mark grains but declare no methods; never given proxies themselves.</summary>
    private static readonly string[] MarkerInterfaces =
    {
        "IAddressable", "IGrain", "IGrainWithStringKey", "IGrainWithGuidKey", "IGrainWithIntegerKey",
    };

    /// <summary>An interface extending <c>MultiAgent.Runtime.IGrain</c> that is not one of the markers.</summary>
    public static bool IsGrainInterface(INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Interface
        && !IsMarkerInterface(type)
        && type.AllInterfaces.Any(static i => IsRuntimeType(i, "IGrain"));

    public static bool IsMarkerInterface(INamedTypeSymbol type) =>
        type.TypeKind == TypeKind.Interface && MarkerInterfaces.Any(name => IsRuntimeType(type, name));

    public static bool DerivesFromGrain(INamedTypeSymbol type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (IsRuntimeType(current, "Grain"))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsRuntimeAttribute(AttributeData attribute, string name) =>
        attribute.AttributeClass is { } type && IsRuntimeType(type, name);

    public static bool IsCodeAnalysisAttribute(AttributeData attribute, string name) =>
        attribute.AttributeClass is { } type && IsType(type, CodeAnalysisNamespace, name, 0);

    /// <summary>Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;, or null for anything else.</summary>
    public static Model.ReturnKind? GetReturnKind(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        if (IsType(named, TasksNamespace, "Task", 0))
        {
            return Model.ReturnKind.Task;
        }

        if (IsType(named, TasksNamespace, "Task", 1))
        {
            return Model.ReturnKind.TaskOfT;
        }

        if (IsType(named, TasksNamespace, "ValueTask", 0))
        {
            return Model.ReturnKind.ValueTask;
        }

        if (IsType(named, TasksNamespace, "ValueTask", 1))
        {
            return Model.ReturnKind.ValueTaskOfT;
        }

        return null;
    }

    private static bool IsRuntimeType(INamedTypeSymbol type, string name) => IsType(type, RuntimeNamespace, name, 0);

    private static bool IsType(INamedTypeSymbol type, string[] ns, string name, int arity)
    {
        if (type.Name != name || type.Arity != arity || type.ContainingType is not null)
        {
            return false;
        }

        var current = type.ContainingNamespace;
        for (var i = ns.Length - 1; i >= 0; i--)
        {
            if (current is null || current.Name != ns[i])
            {
                return false;
            }

            current = current.ContainingNamespace;
        }

        return current is { IsGlobalNamespace: true };
    }
}
