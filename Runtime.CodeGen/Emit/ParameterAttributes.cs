using System.Text;
using MultiAgent.Runtime.CodeGen.Model;

namespace MultiAgent.Runtime.CodeGen.Emit;

/// <summary>
/// Repeats the nullability attributes of an interface parameter, so the proxy's signature and the
/// request's field accept exactly what the interface does (a mismatch is a nullable warning).
/// </summary>
internal static class ParameterAttributes
{
    public static void Append(StringBuilder builder, ParameterModel parameter)
    {
        if (parameter.AllowNull)
        {
            builder.Append("[global::System.Diagnostics.CodeAnalysis.AllowNull] ");
        }

        if (parameter.DisallowNull)
        {
            builder.Append("[global::System.Diagnostics.CodeAnalysis.DisallowNull] ");
        }
    }
}
