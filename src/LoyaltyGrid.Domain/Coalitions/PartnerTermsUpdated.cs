namespace LoyaltyGrid.Domain.Coalitions;

public sealed record PartnerTermsUpdated(PartnerTerms Terms, DateTimeOffset EffectiveFrom) : CoalitionEvent
{
    public override Coalition ApplyTo(Coalition? before) =>
        PartnerJoined.Required(before).WithChange(Terms.MerchantId, new PartnerChange(EffectiveFrom, Terms));
}
