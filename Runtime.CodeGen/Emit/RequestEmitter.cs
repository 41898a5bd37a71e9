using System.Text;
using MultiAgent.Runtime.CodeGen.Model;

namespace MultiAgent.Runtime.CodeGen.Emit;

/// <summary>
/// Emits the request classes of one declaring interface: each carries a call's arguments,
/// invokes the method on a grain without reflection, and owns the method's descriptor.
/// </summary>
internal static class RequestEmitter
{
    public static string Emit(RequestGroupModel group, string generatedNamespace)
    {
        var builder = GeneratedCode.Begin(generatedNamespace);
        for (var i = 0; i < group.Methods.Count; i++)
        {
            if (i > 0)
            {
                builder.AppendLine();
            }

            EmitRequest(builder, group.Methods[i]);
        }

        return GeneratedCode.End(builder);
    }

    private static void EmitRequest(StringBuilder b, GrainMethodModel m)
    {
        var name = m.RequestClassName;
        b.Append("    ").AppendLine(GeneratedCode.HiddenAttribute);
        b.Append("    internal sealed class ").Append(name).Append(" : ").Append(GeneratedCode.GrainRequest)
            .Append('<').Append(m.ResultTypeName).AppendLine(">");
        b.AppendLine("    {");

        b.Append("        internal static readonly ").Append(GeneratedCode.GrainMethodDescriptor).AppendLine(" Descriptor = new(");
        b.Append("            typeof(").Append(m.InterfaceTypeName).Append("), ")
            .Append(GeneratedCode.StringLiteral(m.Name)).Append(", ")
            .Append(GeneratedCode.StringLiteral(m.MethodId)).Append(", ")
            .Append("typeof(").Append(m.ResultTypeOfName).AppendLine("),");
        b.Append("            ").Append(Flags(m)).Append(", ").Append(Timeout(m)).AppendLine(",");
        b.Append("            static () => new ").Append(name).AppendLine("());");
        b.AppendLine();

        for (var i = 0; i < m.Parameters.Count; i++)
        {
            var p = m.Parameters[i];
            b.Append("        ");
            ParameterAttributes.Append(b, p);
            b.Append("public ").Append(p.TypeName).Append(" Arg").Append(i);

            // Reference-typed fields are always assigned before use (by the proxy or ReadArguments).
            b.AppendLine(p.IsValueType ? ";" : " = default!;");
        }

        if (m.Parameters.Count > 0)
        {
            b.AppendLine();
        }

        b.Append("        public override ").Append(GeneratedCode.GrainMethodDescriptor).AppendLine(" Method => Descriptor;");
        b.AppendLine();

        b.Append("        public override ").Append(GeneratedCode.ValueTask).Append('<').Append(m.ResultTypeName)
            .Append("> InvokeAsync(object grain) => ").Append(InvokeExpression(m)).AppendLine(";");
        b.AppendLine();

        b.Append("        public override void WriteArguments(").Append(GeneratedCode.Invocation).AppendLine(".IArgumentWriter writer)");
        b.AppendLine("        {");
        for (var i = 0; i < m.Parameters.Count; i++)
        {
            b.Append("            writer.Write<").Append(m.Parameters[i].TypeName).Append(">(Arg").Append(i).AppendLine(");");
        }

        b.AppendLine("        }");
        b.AppendLine();

        b.Append("        public override void ReadArguments(").Append(GeneratedCode.Invocation).AppendLine(".IArgumentReader reader)");
        b.AppendLine("        {");
        for (var i = 0; i < m.Parameters.Count; i++)
        {
            b.Append("            Arg").Append(i).Append(" = reader.Read<").Append(m.Parameters[i].TypeName).AppendLine(">();");
        }

        b.AppendLine("        }");
        b.AppendLine("    }");
    }

    private static string InvokeExpression(GrainMethodModel m)
    {
        var call = new StringBuilder();
        call.Append("((").Append(m.InterfaceTypeName).Append(")grain).").Append(m.EscapedName).Append('(');
        for (var i = 0; i < m.Parameters.Count; i++)
        {
            call.Append(i == 0 ? "Arg" : ", Arg").Append(i);
        }

        call.Append(')');
        return m.ReturnKind switch
        {
            ReturnKind.Task => "FromTask(" + call + ")",
            ReturnKind.TaskOfT => "new(" + call + ")",
            ReturnKind.ValueTask => "FromValueTask(" + call + ")",
            _ => call.ToString(),
        };
    }

    private static string Flags(GrainMethodModel m)
    {
        if (!m.AlwaysInterleave && !m.OneWay)
        {
            return GeneratedCode.GrainMethodFlags + ".None";
        }

        var flags = new StringBuilder();
        if (m.AlwaysInterleave)
        {
            flags.Append(GeneratedCode.GrainMethodFlags).Append(".AlwaysInterleave");
        }

        if (m.OneWay)
        {
            flags.Append(flags.Length > 0 ? " | " : string.Empty).Append(GeneratedCode.GrainMethodFlags).Append(".OneWay");
        }

        return flags.ToString();
    }

    // Parsed at startup with the same parser the attribute uses; the generator has already validated the text.
    private static string Timeout(GrainMethodModel m) => m.ResponseTimeout is null
        ? "null"
        : "global::System.TimeSpan.Parse(" + GeneratedCode.StringLiteral(m.ResponseTimeout)
            + ", global::System.Globalization.CultureInfo.InvariantCulture)";
}
