namespace LoyaltyGrid.Domain.Coalitions;

public sealed record PartnerJoined(PartnerTerms Terms, DateTimeOffset EffectiveFrom) : CoalitionEvent
{
    public override Coalition ApplyTo(Coalition? before) =>
        Required(before).WithChange(Terms.MerchantId, new PartnerChange(EffectiveFrom, Terms));

    internal static Coalition Required(Coalition? coalition) =>
        coalition ?? throw new InvalidOperationException("A partner event came before the program became a coalition.");
}
