using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using MultiAgent.Runtime.CodeGen.Model;

namespace MultiAgent.Runtime.CodeGen.Analysis;

/// <summary>Finds grain classes: concrete, non-generic <c>Grain</c> subclasses that implement a grain interface.</summary>
internal static class ClassAnalyzer
{
    public static GrainClassModel? Analyze(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        var node = (TypeDeclarationSyntax)context.Node;
        if (context.SemanticModel.GetDeclaredSymbol(node, cancellationToken) is not INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: false } type
            || SymbolChecks.IsGenericOrNestedInGeneric(type)
            || !KnownTypes.DerivesFromGrain(type)
            || !type.AllInterfaces.Any(KnownTypes.IsGrainInterface)
            || !SymbolChecks.IsPrimaryDeclaration(type, node, cancellationToken))
        {
            return null;
        }

        var displayName = type.ToDisplayString(TypeFormats.Id);
        if (!SymbolChecks.IsVisibleToAssembly(type))
        {
            var diagnostic = DiagnosticInfo.Create(Diagnostics.InaccessibleClass, node.Identifier.GetLocation(), type.ToDisplayString());
            return new GrainClassModel(displayName, type.ToDisplayString(TypeFormats.TypeOf), CanRegister: false, new[] { diagnostic }.ToEquatableArray());
        }

        return new GrainClassModel(displayName, type.ToDisplayString(TypeFormats.TypeOf), CanRegister: true, EquatableArray<DiagnosticInfo>.Empty);
    }
}
