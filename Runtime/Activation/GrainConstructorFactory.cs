using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using MultiAgent.Runtime.Metadata;

namespace MultiAgent.Runtime.Activation;

/// <summary>
/// Compiles, once per grain class, a delegate that constructs it: [PersistentState] parameters get
/// a state bound to the activation, IGrainContext and IGrainFactory come from the activation,
/// everything else from the silo's services.
/// </summary>
internal static class GrainConstructorFactory
{
    private static readonly MethodInfo CreatePersistentStateMethod =
        typeof(ActivationData).GetMethod(nameof(ActivationData.CreatePersistentState), BindingFlags.Instance | BindingFlags.NonPublic)!;

    private static readonly MethodInfo GetServiceMethod =
        typeof(ServiceProviderServiceExtensions).GetMethod(nameof(ServiceProviderServiceExtensions.GetRequiredService), [typeof(IServiceProvider), typeof(Type)])!;

    private static readonly MethodInfo GetOptionalServiceMethod =
        typeof(IServiceProvider).GetMethod(nameof(IServiceProvider.GetService))!;

    public static GrainConstructor Build(Type grainClass)
    {
        var constructor = grainClass.GetConstructors(BindingFlags.Instance | BindingFlags.Public)
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault()
            ?? throw new InvalidOperationException($"Grain class {grainClass.FullName} has no public constructor.");

        var services = Expression.Parameter(typeof(IServiceProvider), "services");
        var activation = Expression.Parameter(typeof(ActivationData), "activation");
        var arguments = constructor.GetParameters().Select(p => Argument(grainClass, p, services, activation));
        var body = Expression.Convert(Expression.New(constructor, arguments), typeof(object));
        return Expression.Lambda<GrainConstructor>(body, services, activation).Compile();
    }

    private static Expression Argument(Type grainClass, ParameterInfo parameter, ParameterExpression services, ParameterExpression activation)
    {
        var type = parameter.ParameterType;
        if (parameter.GetCustomAttribute<PersistentStateAttribute>() is { } state)
        {
            if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IPersistentState<>))
            {
                throw new InvalidOperationException(
                    $"Parameter '{parameter.Name}' of {grainClass.FullName} has [PersistentState] but is not an IPersistentState<T>.");
            }

            return Expression.Call(
                activation,
                CreatePersistentStateMethod.MakeGenericMethod(type.GetGenericArguments()[0]),
                Expression.Constant(state.StateName),
                Expression.Constant(state.StorageName, typeof(string)));
        }

        if (type == typeof(IGrainContext))
        {
            return activation;
        }

        if (type == typeof(IGrainFactory))
        {
            return Expression.Property(activation, nameof(ActivationData.GrainFactory));
        }

        if (parameter.HasDefaultValue)
        {
            // Optional dependency: the service if registered, else the declared default.
            var resolved = Expression.Call(services, GetOptionalServiceMethod, Expression.Constant(type));
            return Expression.Condition(
                Expression.Equal(resolved, Expression.Constant(null)),
                Expression.Constant(parameter.DefaultValue, type),
                Expression.Convert(resolved, type));
        }

        return Expression.Convert(Expression.Call(GetServiceMethod, services, Expression.Constant(type)), type);
    }
}
