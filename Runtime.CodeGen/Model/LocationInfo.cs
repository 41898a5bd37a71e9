using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace MultiAgent.Runtime.CodeGen.Model;

/// <summary>A source location as plain values: models must not keep syntax trees alive.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location is { IsInSource: true, SourceTree: { } tree }
            ? new LocationInfo(tree.FilePath, location.SourceSpan, location.GetLineSpan().Span)
            : null;

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
