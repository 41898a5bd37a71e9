using System.Collections.Generic;
using System.Text;
using MultiAgent.Runtime.CodeGen.Model;

namespace MultiAgent.Runtime.CodeGen.Emit;

/// <summary>
/// Emits the assembly's manifest: the runtime finds it through an assembly attribute and learns
/// every grain interface (with its proxy factory and methods) and grain class without scanning types.
/// </summary>
internal static class ManifestEmitter
{
    public const string ClassName = "GrainCodeManifest";

    public static string Emit(IReadOnlyList<GrainInterfaceModel> interfaces, IReadOnlyList<GrainClassModel> classes, string generatedNamespace)
    {
        var b = new StringBuilder();
        GeneratedCode.AppendHeader(b);
        b.Append("[assembly: ").Append(GeneratedCode.Invocation).Append(".GrainCodeManifest(typeof(global::")
            .Append(generatedNamespace).Append('.').Append(ClassName).AppendLine("))]");
        b.AppendLine();
        b.Append("namespace ").AppendLine(generatedNamespace).AppendLine("{");
        b.Append("    ").AppendLine(GeneratedCode.HiddenAttribute);
        b.Append("    internal sealed class ").Append(ClassName).Append(" : ").Append(GeneratedCode.Invocation).AppendLine(".IGrainCodeManifest");
        b.AppendLine("    {");
        b.Append("        public void Populate(").Append(GeneratedCode.Invocation).AppendLine(".IGrainCodeRegistry registry)");
        b.AppendLine("        {");

        foreach (var grainInterface in interfaces)
        {
            b.Append("            registry.AddGrainInterface(").AppendLine();
            b.Append("                typeof(").Append(grainInterface.TypeName).AppendLine("),");
            b.Append("                static (runtime, grainId) => new ").Append(grainInterface.ProxyClassName).AppendLine("(runtime, grainId),");
            b.Append("                new ").Append(GeneratedCode.GrainMethodDescriptor).AppendLine("[]");
            b.AppendLine("                {");
            foreach (var method in grainInterface.Methods)
            {
                b.Append("                    ").Append(method.RequestClassName).AppendLine(".Descriptor,");
            }

            b.AppendLine("                });");
        }

        foreach (var grainClass in classes)
        {
            b.Append("            registry.AddGrainClass(typeof(").Append(grainClass.TypeName).AppendLine("));");
        }

        b.AppendLine("        }");
        b.AppendLine("    }");
        b.AppendLine("}");
        return b.ToString();
    }
}
