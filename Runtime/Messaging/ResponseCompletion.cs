using MultiAgent.Runtime.Invocation;
using MultiAgent.Runtime.Messaging.Serialization;

namespace MultiAgent.Runtime.Messaging;

/// <summary>Completes a waiting caller from a response off the wire: the result, the grain's exception, or a rejection.</summary>
internal static class ResponseCompletion
{
    /// <param name="retry">Sends the call again (a retryable rejection); false when it has no attempts left.</param>
    public static void Complete<TResult>(
        TaskCompletionSource<TResult> caller, WireMessage response, GrainId target, GrainMethodDescriptor method, object? peer, Func<bool> retry)
    {
        switch (response.ResponseKind)
        {
            case ResponseKind.Success:
                caller.TrySetResult(response.Result is TResult result ? result : default!);
                break;
            case ResponseKind.Exception:
                var remote = response.Exception ?? new RemoteGrainException("Unknown", "no detail was sent", null);
                caller.TrySetException(new GrainCallException(
                    target, method.DisplayName, $"Grain {target} threw from {method.DisplayName} (via {peer}): {remote.Message}", remote));
                break;
            default:
                var retryable = response.RejectionKind is RejectionKind.Transient or RejectionKind.NotOwner;
                if (!retryable || !retry())
                {
                    caller.TrySetException(new SiloUnavailableException(
                        $"{peer} rejected {method.DisplayName} on grain {target} ({response.RejectionKind}): {response.RejectionMessage}"));
                }

                break;
        }
    }
}
