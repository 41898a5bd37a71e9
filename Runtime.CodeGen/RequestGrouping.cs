using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using MultiAgent.Runtime.CodeGen.Model;

namespace MultiAgent.Runtime.CodeGen;

/// <summary>
/// Gathers the request classes every grain interface needs, grouped by declaring interface.
/// Interfaces that share a base list its methods once each, so each request class is emitted once.
/// </summary>
internal static class RequestGrouping
{
    public static ImmutableArray<RequestGroupModel> Group(ImmutableArray<GrainInterfaceModel> interfaces)
    {
        var groups = new SortedDictionary<string, SortedDictionary<int, GrainMethodModel>>(StringComparer.Ordinal);
        foreach (var method in interfaces.SelectMany(static i => i.Methods))
        {
            if (!groups.TryGetValue(method.InterfaceKey, out var methods))
            {
                groups.Add(method.InterfaceKey, methods = new SortedDictionary<int, GrainMethodModel>());
            }

            // The same base method seen through two interfaces is the same request class.
            if (!methods.ContainsKey(method.Index))
            {
                methods.Add(method.Index, method);
            }
        }

        return groups
            .Select(static g => new RequestGroupModel(g.Key, g.Value.Values.ToEquatableArray()))
            .ToImmutableArray();
    }
}
