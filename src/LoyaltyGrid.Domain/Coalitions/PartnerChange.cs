namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// One entry of a partner's history: from <see cref="EffectiveFrom"/> on, the partner is in the coalition on
/// <see cref="Terms"/>, or has left it (<see cref="Terms"/> null). Entries are never edited or removed, so the
/// terms of any past moment stay what they were and a closed settlement period computes the same forever.
/// </summary>
public sealed record PartnerChange(DateTimeOffset EffectiveFrom, PartnerTerms? Terms);
