namespace MultiAgent.Tests.CodeGen;

/// <summary>Grain code fed to the generator: every supported shape, plus a scenario that calls through the generated proxies.</summary>
internal static class SampleSources
{
    public const string Grains = """
        using System.Collections.Generic;
        using System.Diagnostics.CodeAnalysis;
        using System.Threading.Tasks;
        using MultiAgent.Runtime;

        namespace Sample;

        public interface IBase : IGrainWithStringKey
        {
            Task<string> Name();

            [AlwaysInterleave]
            Task<int> Count(int @event);
        }

        public interface IPing : IBase
        {
            Task<int> Ping(int x);
            Task Reset();
            ValueTask<string> Echo(string s);
            ValueTask Nop();
            Task<int> Add(int a, int b);
            Task<int> Add(int a, int b, int c = 3);
            Task<string?> Describe(string? s, List<string?> list, (int a, string b) tuple, int? n, params int[] rest);

            [OneWay]
            Task Fire(string request);

            [AlwaysInterleave, OneWay, ResponseTimeout("00:00:05")]
            ValueTask Quick();

            Task<string> Allow([AllowNull] string s);
            Task<IPing> Self(IPing other);

            // Neither is proxied: static members and default implementations stay on the interface.
            static int Helper() => 1;
            Task<int> Twice(int x) => Ping(x * 2);
        }

        // Shares IBase with IPing: its request classes must still be generated once.
        public interface IOther : IBase
        {
            Task<bool> Flag();
        }

        internal interface IInternal : IGrainWithIntegerKey
        {
            Task<int> Get();
        }

        // Not a grain interface itself, but its methods are part of IMixed.
        public interface IPlain
        {
            Task<long> FromPlain(long l);
        }

        public interface IMixed : IGrainWithGuidKey, IPlain
        {
        }

        public static class Outer
        {
            public interface INested : IGrainWithStringKey
            {
                Task<string> Hello();
            }
        }

        public partial interface IPartial : IGrainWithStringKey
        {
            Task A();
        }

        public partial interface IPartial
        {
            Task<int> B();
        }

        public sealed class PingGrain(IGrainContext context) : Grain(context), IPing, IOther, IInternal, IMixed
        {
            private int _count;

            public Task<string> Name() => Task.FromResult("ping");
            public Task<int> Count(int @event) => Task.FromResult(_count + @event);
            public Task<int> Ping(int x) { _count++; return Task.FromResult(x + 1); }
            public Task Reset() { _count = 0; return Task.CompletedTask; }
            public ValueTask<string> Echo(string s) => new(s + s);
            public async ValueTask Nop() { await Task.Yield(); _count += 100; }
            public Task<int> Add(int a, int b) => Task.FromResult(a + b);
            public Task<int> Add(int a, int b, int c = 3) => Task.FromResult(a + b + c);
            public Task<string?> Describe(string? s, List<string?> list, (int a, string b) tuple, int? n, params int[] rest) =>
                Task.FromResult<string?>(s is null ? null : $"{s}|{list.Count}|{tuple.a}{tuple.b}|{n}|{rest.Length}");
            public Task Fire(string request) { _count += request.Length; return Task.CompletedTask; }
            public ValueTask Quick() => default;
            public Task<string> Allow([AllowNull] string s) => Task.FromResult(s ?? "null");
            public Task<IPing> Self(IPing other) => Task.FromResult(other);
            public Task<bool> Flag() => Task.FromResult(true);
            public Task<int> Get() => Task.FromResult(42);
            public Task<long> FromPlain(long l) => Task.FromResult(l * 2);
        }

        internal sealed partial class PartialGrain(IGrainContext context) : Grain(context)
        {
        }

        internal sealed partial class PartialGrain : IPartial, Outer.INested
        {
            public Task A() => Task.CompletedTask;
            public Task<int> B() => Task.FromResult(2);
            public Task<string> Hello() => Task.FromResult("hello");
        }

        // Not registered: abstract.
        public abstract class AbstractGrain(IGrainContext context) : Grain(context), IOther
        {
            public abstract Task<string> Name();
            public abstract Task<int> Count(int @event);
            public abstract Task<bool> Flag();
        }
        """;

    /// <summary>
    /// Loads the manifest the way the runtime does and calls every method through a proxy and a
    /// runtime that copies arguments through WriteArguments/ReadArguments, like a remote call.
    /// </summary>
    public const string Scenario = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Reflection;
        using System.Threading;
        using System.Threading.Tasks;
        using MultiAgent.Runtime;
        using MultiAgent.Runtime.Invocation;

        namespace Sample;

        public static class Scenario
        {
            public static async Task<string[]> RunAsync()
            {
                var registry = new Registry();
                foreach (var attribute in typeof(Scenario).Assembly.GetCustomAttributes<GrainCodeManifestAttribute>())
                {
                    ((IGrainCodeManifest)Activator.CreateInstance(attribute.ManifestType)!).Populate(registry);
                }

                var runtime = new CopyingRuntime(new PingGrain(new FakeContext()), registry);
                var id = new GrainId("ping", "a");
                var ping = (IPing)registry.Proxies[typeof(IPing)](runtime, id);
                var other = (IOther)registry.Proxies[typeof(IOther)](runtime, id);
                var hidden = (IInternal)registry.Proxies[typeof(IInternal)](runtime, id);
                var mixed = (IMixed)registry.Proxies[typeof(IMixed)](runtime, id);

                var seen = new List<string>
                {
                    "Ping=" + await ping.Ping(1),
                    "Echo=" + await ping.Echo("ab"),
                };
                await ping.Nop();
                seen.Add("CountAfterNop=" + await ping.Count(0));
                await ping.Reset();
                seen.Add("CountAfterReset=" + await ping.Count(5));
                seen.Add("Add=" + await ping.Add(1, 2) + "," + await ping.Add(1, 2, 4));
                seen.Add("Describe=" + await ping.Describe("s", new List<string?> { null }, (1, "b"), 7, 1, 2));
                seen.Add("DescribeNull=" + (await ping.Describe(null, new List<string?>(), (1, "b"), null) ?? "null"));
                await ping.Fire("abc");
                seen.Add("CountAfterFire=" + await ping.Count(0));
                await ping.Quick();
                seen.Add("Allow=" + await ping.Allow(null!));
                seen.Add("Self=" + ReferenceEquals(await ping.Self(ping), ping));
                seen.Add("Twice=" + await ping.Twice(2));
                seen.Add("Other=" + await other.Flag() + "," + await other.Name());
                seen.Add("Internal=" + await hidden.Get());
                seen.Add("Mixed=" + await mixed.FromPlain(21));
                seen.Add("Calls=" + runtime.Calls);
                seen.Add("Interfaces=" + string.Join(",", registry.Proxies.Keys.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal)));
                seen.Add("Classes=" + string.Join(",", registry.Classes.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal)));
                foreach (var method in registry.Methods[typeof(IPing)])
                {
                    seen.Add($"{method.InterfaceType.Name}.{method.MethodId}:{method.ResultType.Name}:{method.Flags}:{method.ResponseTimeout}");
                }

                seen.Add("SharedBase=" + registry.Methods[typeof(IPing)].Intersect(registry.Methods[typeof(IOther)]).Count());
                return seen.ToArray();
            }
        }

        internal sealed class Registry : IGrainCodeRegistry
        {
            public Dictionary<Type, Func<IGrainReferenceRuntime, GrainId, GrainReference>> Proxies { get; } = new();
            public Dictionary<Type, IReadOnlyList<GrainMethodDescriptor>> Methods { get; } = new();
            public List<Type> Classes { get; } = new();

            public void AddGrainInterface(Type interfaceType, Func<IGrainReferenceRuntime, GrainId, GrainReference> createProxy, IReadOnlyList<GrainMethodDescriptor> methods)
            {
                Proxies.Add(interfaceType, createProxy);
                Methods.Add(interfaceType, methods);
            }

            public void AddGrainClass(Type grainClass) => Classes.Add(grainClass);
        }

        internal sealed class CopyingRuntime(object grain, Registry registry) : IGrainReferenceRuntime
        {
            public int Calls { get; private set; }

            public IGrainFactory GrainFactory => throw new NotSupportedException();

            public async ValueTask<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
            {
                Calls++;
                if (!registry.Methods[target.InterfaceType].Contains(request.Method))
                {
                    throw new InvalidOperationException($"{request.Method} is not registered for {target.InterfaceType}.");
                }

                var buffer = new Buffer();
                request.WriteArguments(buffer);
                var copy = (GrainRequest<TResult>)request.Method.CreateRequest();
                copy.ReadArguments(buffer);
                return await copy.InvokeAsync(grain);
            }

            private sealed class Buffer : IArgumentWriter, IArgumentReader
            {
                private readonly Queue<object?> _values = new();

                public void Write<T>(T value) => _values.Enqueue(value);

                public T Read<T>() => (T)_values.Dequeue()!;
            }
        }

        internal sealed class FakeContext : IGrainContext
        {
            public GrainId GrainId => new("ping", "a");
            public object? GrainInstance => null;
            public IServiceProvider ActivationServices => throw new NotSupportedException();
            public IGrainFactory GrainFactory => throw new NotSupportedException();
            public void DeactivateOnIdle() { }
            public IGrainTimer RegisterGrainTimer(Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options) =>
                throw new NotSupportedException();
        }
        """;
}
