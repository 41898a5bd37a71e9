using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MultiAgent.Runtime.CodeGen.Analysis;

/// <summary>Questions about a type that decide whether generated code can use it.</summary>
internal static class SymbolChecks
{
    /// <summary>
    /// Whether code elsewhere in the assembly can name the type: generated code lives in its own
    /// namespace, so private, protected and file-local types (or types nested in them) are out of reach.
    /// </summary>
    public static bool IsVisibleToAssembly(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal)
            {
                return false;
            }

            switch (current.DeclaredAccessibility)
            {
                case Accessibility.Private:
                case Accessibility.Protected:
                case Accessibility.ProtectedAndInternal:
                    return false;
            }
        }

        return true;
    }

    /// <summary>Generic itself or nested in a generic type: either way <c>typeof</c> needs type arguments we do not have.</summary>
    public static bool IsGenericOrNestedInGeneric(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsGenericType)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A partial type has several declarations; only the first one that has a base list (the syntax
    /// filter only sees those) produces the model, so each type is generated once.
    /// </summary>
    public static bool IsPrimaryDeclaration(INamedTypeSymbol type, TypeDeclarationSyntax node, CancellationToken cancellationToken)
    {
        if (type.DeclaringSyntaxReferences.Length == 1)
        {
            return true;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { BaseList: not null } declaration)
            {
                return declaration.SyntaxTree == node.SyntaxTree && declaration.Span == node.Span;
            }
        }

        return false;
    }

    public static bool IsDeclaredIn(INamedTypeSymbol type, Compilation compilation) =>
        SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, compilation.Assembly);
}
