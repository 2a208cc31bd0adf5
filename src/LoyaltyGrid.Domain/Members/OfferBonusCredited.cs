namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The points of a bonus offer the member accepted (the <see cref="Acceptance"/>-th time): available at once, as a
/// lot earned now (lot id <c>offer:{offer_id}:{acceptance}</c>).
/// </summary>
public sealed record OfferBonusCredited(string OfferId, int Acceptance, long Points) : MemberEvent
{
    public string LotId => $"offer:{OfferId}:{Acceptance}";

    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available + Points,
        LifetimeEarned = before.LifetimeEarned + Points,
    };
}
