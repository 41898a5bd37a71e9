namespace MultiAgent.Runtime.Invocation;

/// <summary>The awaited result of a grain method that returns <c>Task</c> or <c>ValueTask</c>.</summary>
public readonly struct VoidResult
{
    public static readonly Task<VoidResult> CompletedTask = Task.FromResult(default(VoidResult));
}

/// <summary>
/// One call to a grain method with its arguments. Generated code derives one sealed class
/// per interface method, so invoking it is a direct (non-reflective) interface call.
/// </summary>
public abstract class GrainRequest
{
    public abstract GrainMethodDescriptor Method { get; }

    /// <summary>Calls the method and boxes its result: for requests that arrived off the wire, whose type is known only at run time.</summary>
    public abstract ValueTask<object?> InvokeUntypedAsync(object grain);

    /// <summary>Writes the arguments in declaration order.</summary>
    public abstract void WriteArguments(IArgumentWriter writer);

    /// <summary>Reads the arguments in declaration order.</summary>
    public abstract void ReadArguments(IArgumentReader reader);

    public override string ToString() => Method.DisplayName;

    /// <summary>Adapts a <c>Task</c>-returning grain method to the request's awaited result.</summary>
    protected static ValueTask<VoidResult> FromTask(Task task)
    {
        return task.IsCompletedSuccessfully ? default : Await(task);

        static async ValueTask<VoidResult> Await(Task t)
        {
            await t.ConfigureAwait(false);
            return default;
        }
    }

    /// <summary>Adapts a <c>ValueTask</c>-returning grain method to the request's awaited result.</summary>
    protected static ValueTask<VoidResult> FromValueTask(ValueTask task)
    {
        return task.IsCompletedSuccessfully ? default : Await(task);

        static async ValueTask<VoidResult> Await(ValueTask t)
        {
            await t.ConfigureAwait(false);
            return default;
        }
    }
}

/// <summary>A grain request whose awaited result is <typeparamref name="TResult"/>.</summary>
public abstract class GrainRequest<TResult> : GrainRequest
{
    /// <summary>Calls the method on <paramref name="grain"/>, which implements the request's interface.</summary>
    public abstract ValueTask<TResult> InvokeAsync(object grain);

    public sealed override ValueTask<object?> InvokeUntypedAsync(object grain)
    {
        var pending = InvokeAsync(grain);
        return pending.IsCompletedSuccessfully ? new ValueTask<object?>(pending.Result) : Box(pending);

        static async ValueTask<object?> Box(ValueTask<TResult> p) => await p.ConfigureAwait(true);
    }
}

/// <summary>Writes request arguments (to a wire format, for remote calls).</summary>
public interface IArgumentWriter
{
    void Write<T>(T value);
}

/// <summary>Reads request arguments written by an <see cref="IArgumentWriter"/>.</summary>
public interface IArgumentReader
{
    T Read<T>();
}
