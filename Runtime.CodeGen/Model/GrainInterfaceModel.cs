namespace MultiAgent.Runtime.CodeGen.Model;

/// <summary>A grain interface declared in the compilation, with all methods it exposes (inherited ones too).</summary>
/// <param name="DisplayName">Full name without <c>global::</c>; used for ordering and messages.</param>
/// <param name="TypeName">Fully qualified with <c>global::</c>.</param>
/// <param name="ProxyClassName">Name of the generated proxy class.</param>
/// <param name="CanGenerate">False when the interface or one of its members is unsupported.</param>
internal sealed record GrainInterfaceModel(
    string DisplayName,
    string TypeName,
    string ProxyClassName,
    bool CanGenerate,
    EquatableArray<GrainMethodModel> Methods,
    EquatableArray<DiagnosticInfo> Diagnostics);
