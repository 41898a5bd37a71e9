using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Hosting;

namespace MultiAgent.Runtime.Invocation;

/// <summary>
/// The silo's side of grain references: turns a request into a call with a deadline and routes it
/// to the activation of the target grain, here or on the silo that owns it.
/// </summary>
internal sealed class GrainCallRuntime : IGrainReferenceRuntime
{
    private readonly GrainCallRouter _router;
    private readonly PendingCallRegistry _pendingCalls;
    private readonly TimeSpan _responseTimeout;
    private readonly Lazy<IGrainFactory> _grainFactory;

    public GrainCallRuntime(GrainCallRouter router, PendingCallRegistry pendingCalls, IOptions<MessagingOptions> options, IServiceProvider services)
    {
        _router = router;
        _pendingCalls = pendingCalls;
        _responseTimeout = options.Value.ResponseTimeout;
        _grainFactory = new Lazy<IGrainFactory>(services.GetRequiredService<IGrainFactory>);
    }

    public IGrainFactory GrainFactory => _grainFactory.Value;

    public ValueTask<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        var method = request.Method;
        var timeout = GrainCallScope.CurrentTimeout ?? method.ResponseTimeout ?? _responseTimeout;
        var call = new OutgoingCall<TResult>(target.GrainId, request, timeout, _router, _pendingCalls);
        _router.Route(call);
        if (call.IsOneWay)
        {
            return new ValueTask<TResult>(default(TResult)!);
        }

        return new ValueTask<TResult>(call.Task);
    }
}
