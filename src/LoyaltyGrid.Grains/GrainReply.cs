using LoyaltyGrid.Domain;

namespace LoyaltyGrid.Grains;

/// <summary>
/// A grain's answer: a value, or the domain's reason for refusing. Refusals travel as data, not as
/// exceptions, so their reason and field violations survive the trip between silos intact.
/// </summary>
[GenerateSerializer, Immutable, Alias("lg.GrainReply`1")]
public sealed record GrainReply<T>([property: Id(0)] T? Value, [property: Id(1)] LoyaltyError? Error)
{
    /// <summary>The value, or a <see cref="LoyaltyException"/> carrying the refusal.</summary>
    public T Unwrap() => Error is null ? Value! : throw new LoyaltyException(Error);
}
