using LoyaltyGrid.Domain.Security;

namespace LoyaltyGrid.Grains;

/// <summary>A newly issued key and its text: the only time the text exists outside the caller's hands.</summary>
[GenerateSerializer, Immutable, Alias("lg.IssuedKey")]
public sealed record IssuedKey([property: Id(0)] ApiKey Key, [property: Id(1)] string Text);
