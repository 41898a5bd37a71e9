using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace MultiAgent.Runtime.CodeGen;

/// <summary>Turns type, member and assembly names into identifiers for generated code.</summary>
internal static class Naming
{
    public const string GeneratedNamespacePrefix = "MultiAgentGenerated";

    /// <summary><c>MultiAgentGenerated.My_App</c>: one namespace per assembly so assemblies sharing internals never clash.</summary>
    public static string GeneratedNamespace(string? assemblyName)
    {
        var name = string.IsNullOrEmpty(assemblyName) ? "Assembly" : assemblyName!;
        var builder = new StringBuilder(name.Length + 1);
        // "class" or "2D" would not be a valid namespace segment.
        if (!SyntaxFacts.IsIdentifierStartCharacter(name[0]) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None)
        {
            builder.Append('_');
        }

        foreach (var c in name)
        {
            builder.Append(SyntaxFacts.IsIdentifierPartCharacter(c) ? c : '_');
        }

        return GeneratedNamespacePrefix + "." + builder;
    }

    public static string ProxyClassName(string interfaceDisplayName) => "Proxy_" + Mangle(interfaceDisplayName);

    public static string RequestClassName(string interfaceKey, string methodName, int index) =>
        "Request_" + interfaceKey + "_" + Mangle(methodName) + "_" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>Ns.IPing</c> becomes <c>Ns_IPing</c>. Names holding anything but letters, digits and dots
    /// (underscores, generic brackets) could collide once flattened, so they also get a hash of the
    /// original name appended, which keeps the mapping one-to-one in practice.
    /// </summary>
    public static string Mangle(string name)
    {
        var builder = new StringBuilder(name.Length + 10);
        var lossy = false;
        foreach (var c in name)
        {
            if (c != '_' && SyntaxFacts.IsIdentifierPartCharacter(c))
            {
                builder.Append(c);
            }
            else
            {
                lossy |= c != '.';
                builder.Append('_');
            }
        }

        if (lossy)
        {
            builder.Append("_h").Append(StableHash(name).ToString("x8", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>Prefixes reserved keywords with @ so declared names can be used as identifiers.</summary>
    public static string EscapeIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>A name for a local that none of <paramref name="taken"/> uses.</summary>
    public static string UniqueLocal(string preferred, System.Collections.Generic.IEnumerable<string> taken)
    {
        var used = new System.Collections.Generic.HashSet<string>(taken);
        var name = preferred;
        for (var i = 1; used.Contains(name); i++)
        {
            name = preferred + i.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }

    // FNV-1a: string.GetHashCode is randomized per process, and names must be the same on every build.
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }
}
