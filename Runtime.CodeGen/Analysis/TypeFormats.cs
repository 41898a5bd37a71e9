using Microsoft.CodeAnalysis;

namespace MultiAgent.Runtime.CodeGen.Analysis;

/// <summary>How type names are written into generated code and method ids.</summary>
internal static class TypeFormats
{
    /// <summary><c>global::</c>-qualified with nullable annotations: generated code compiles with nullable enabled.</summary>
    public static readonly SymbolDisplayFormat Code = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>For <c>typeof</c>, which rejects nullable reference annotations and needs no tuple names.</summary>
    public static readonly SymbolDisplayFormat TypeOf = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.ExpandValueTuple);

    /// <summary>
    /// <c>System.Collections.Generic.List&lt;System.Int32&gt;</c>: metadata-like and free of anything that
    /// does not change the runtime signature (nullability, tuple names, keyword aliases), so method ids
    /// agree between the assembly that declares an interface and any assembly that inherits it.
    /// </summary>
    public static readonly SymbolDisplayFormat Id = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.ExpandNullable | SymbolDisplayMiscellaneousOptions.ExpandValueTuple);
}
