using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MultiAgent.Runtime.Activation;
using MultiAgent.Runtime.Hosting;

namespace MultiAgent.Runtime.Invocation;

/// <summary>
/// The silo's side of grain references: turns a request into a message with a deadline and hands
/// it to the activation that owns the target grain.
/// </summary>
internal sealed class GrainCallRuntime : IGrainReferenceRuntime
{
    private readonly Catalog _catalog;
    private readonly PendingCallRegistry _pendingCalls;
    private readonly TimeSpan _responseTimeout;
    private readonly Lazy<IGrainFactory> _grainFactory;

    public GrainCallRuntime(Catalog catalog, PendingCallRegistry pendingCalls, IOptions<MessagingOptions> options, IServiceProvider services)
    {
        _catalog = catalog;
        _pendingCalls = pendingCalls;
        _responseTimeout = options.Value.ResponseTimeout;
        _grainFactory = new Lazy<IGrainFactory>(services.GetRequiredService<IGrainFactory>);
    }

    public IGrainFactory GrainFactory => _grainFactory.Value;

    public ValueTask<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        var method = request.Method;
        var timeout = GrainCallScope.CurrentTimeout ?? method.ResponseTimeout ?? _responseTimeout;
        var call = new LocalCall<TResult>(target.GrainId, request, timeout, _pendingCalls);
        if (method.IsOneWay)
        {
            _catalog.Dispatch(call, target.GrainId);
            return new ValueTask<TResult>(default(TResult)!);
        }

        call.TrackDeadline();
        _catalog.Dispatch(call, target.GrainId);
        return new ValueTask<TResult>(call.Task);
    }
}
