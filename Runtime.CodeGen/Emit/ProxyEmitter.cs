using System.Linq;
using System.Text;
using MultiAgent.Runtime.CodeGen.Model;

namespace MultiAgent.Runtime.CodeGen.Emit;

/// <summary>
/// Emits the proxy of one grain interface: a <c>GrainReference</c> that turns each call into a request.
/// Members are implemented explicitly, so methods of different base interfaces never collide.
/// </summary>
internal static class ProxyEmitter
{
    public static string Emit(GrainInterfaceModel grainInterface, string generatedNamespace)
    {
        var b = GeneratedCode.Begin(generatedNamespace);
        var name = grainInterface.ProxyClassName;
        b.Append("    ").AppendLine(GeneratedCode.HiddenAttribute);
        b.Append("    internal sealed class ").Append(name).Append(" : ").Append(GeneratedCode.GrainReference)
            .Append(", ").AppendLine(grainInterface.TypeName);
        b.AppendLine("    {");
        b.Append("        public ").Append(name).Append('(').Append(GeneratedCode.Invocation)
            .AppendLine(".IGrainReferenceRuntime runtime, global::MultiAgent.Runtime.GrainId grainId)");
        b.AppendLine("            : base(runtime, grainId)");
        b.AppendLine("        {");
        b.AppendLine("        }");
        b.AppendLine();
        b.Append("        public override global::System.Type InterfaceType => typeof(").Append(grainInterface.TypeName).AppendLine(");");

        foreach (var method in grainInterface.Methods)
        {
            b.AppendLine();
            EmitMethod(b, method);
        }

        b.AppendLine("    }");
        return GeneratedCode.End(b);
    }

    private static void EmitMethod(StringBuilder b, GrainMethodModel m)
    {
        b.Append("        ").Append(m.ReturnTypeName).Append(' ').Append(m.InterfaceTypeName).Append('.').Append(m.EscapedName).Append('(');
        for (var i = 0; i < m.Parameters.Count; i++)
        {
            var p = m.Parameters[i];
            if (i > 0)
            {
                b.Append(", ");
            }

            ParameterAttributes.Append(b, p);
            b.Append(p.TypeName).Append(' ').Append(p.Name);
        }

        b.AppendLine(")");
        b.AppendLine("        {");

        // A parameter may be called "request"; the local must not shadow it.
        var request = Naming.UniqueLocal("request", m.Parameters.Select(static p => p.Name));
        b.Append("            var ").Append(request).Append(" = new ").Append(m.RequestClassName);
        if (m.Parameters.Count > 0)
        {
            b.Append(" { ");
            for (var i = 0; i < m.Parameters.Count; i++)
            {
                b.Append(i == 0 ? "Arg" : ", Arg").Append(i).Append(" = ").Append(m.Parameters[i].Name);
            }

            b.Append(" }");
        }
        else
        {
            b.Append("()");
        }

        b.AppendLine(";");

        // base. qualifies the call so a parameter named InvokeAsync cannot hide it.
        var invoke = "base.InvokeAsync(" + request + ")";
        b.Append("            return ").Append(m.ReturnKind switch
        {
            ReturnKind.Task or ReturnKind.TaskOfT => invoke + ".AsTask()",
            ReturnKind.ValueTask => GeneratedCode.GrainReference + ".ToValueTask(" + invoke + ")",
            _ => invoke,
        }).AppendLine(";");
        b.AppendLine("        }");
    }
}
