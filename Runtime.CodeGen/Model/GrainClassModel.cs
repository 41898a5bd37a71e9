namespace MultiAgent.Runtime.CodeGen.Model;

/// <summary>A grain class declared in the compilation, to be registered in the manifest.</summary>
/// <param name="CanRegister">False when generated code cannot name the class (e.g. a private nested class).</param>
internal sealed record GrainClassModel(
    string DisplayName,
    string TypeName,
    bool CanRegister,
    EquatableArray<DiagnosticInfo> Diagnostics);
