using System.Diagnostics.CodeAnalysis;

namespace MultiAgent.Grains.Fleet.Validation;

/// <summary>Either a valid <see cref="Order"/> or every reason it is not one (never both).</summary>
public sealed record OrderValidationResult
{
    private OrderValidationResult(Order? order, IReadOnlyList<OrderValidationError> errors)
    {
        Order = order;
        Errors = errors;
    }

    public Order? Order { get; }

    public IReadOnlyList<OrderValidationError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Order))]
    public bool IsValid => Order is not null;

    /// <summary>All errors on one line: the reason written to the dead-letter topic.</summary>
    public string Reason => string.Join("; ", Errors);

    public static OrderValidationResult Valid(Order order) => new(order, []);

    public static OrderValidationResult Invalid(IReadOnlyList<OrderValidationError> errors) =>
        errors.Count == 0 ? throw new ArgumentException("An invalid result needs at least one error.", nameof(errors)) : new(null, errors);
}
