namespace LoyaltyGrid.Domain.Coalitions;

public sealed record PartnerRemoved(string MerchantId, DateTimeOffset EffectiveFrom) : CoalitionEvent
{
    public override Coalition ApplyTo(Coalition? before) =>
        PartnerJoined.Required(before).WithChange(MerchantId, new PartnerChange(EffectiveFrom, null));
}
