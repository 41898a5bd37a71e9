using MultiAgent.Runtime;
using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Metadata;

namespace MultiAgent.Tests.Messaging.Serialization;

/// <summary>
/// A grain reference runtime that sends nothing: it records each call, so a test can take the request a
/// generated proxy built, and tell which runtime a decoded reference is bound to.
/// </summary>
internal sealed class CapturingReferenceRuntime : IGrainReferenceRuntime
{
    private readonly List<(GrainReference Target, GrainRequest Request)> _calls = [];

    public CapturingReferenceRuntime(GrainTypeManifest manifest)
    {
        GrainFactory = new GrainFactory(manifest, new ManifestGrainTypeResolver(manifest), this);
    }

    public IGrainFactory GrainFactory { get; }

    public IReadOnlyList<(GrainReference Target, GrainRequest Request)> Calls => _calls;

    public ValueTask<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        _calls.Add((target, request));
        return new ValueTask<TResult>(default(TResult)!);
    }

    /// <summary>The request a proxy call made.</summary>
    public GrainRequest Capture(Action call)
    {
        var before = _calls.Count;
        call();
        Assert.Equal(before + 1, _calls.Count);
        return _calls[^1].Request;
    }
}
