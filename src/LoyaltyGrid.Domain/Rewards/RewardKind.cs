namespace LoyaltyGrid.Domain.Rewards;

/// <summary>What a member gets for a reward's points. The numbers are stored (rewards_events.proto): never renumber.</summary>
public enum RewardKind
{
    /// <summary>One unit of <see cref="Reward.Sku"/> free at checkout.</summary>
    FreeProduct = 1,

    /// <summary><see cref="Reward.DiscountMinor"/> off the basket at checkout.</summary>
    FixedDiscount = 2,

    /// <summary><see cref="Reward.DiscountPercent"/> percent off the basket at checkout.</summary>
    PercentageDiscount = 3,

    /// <summary>A service the partner (<see cref="Reward.PartnerId"/>) gives for the code.</summary>
    PartnerService = 4,

    /// <summary>A donation of <see cref="Reward.DonationMinor"/> to <see cref="Reward.CharityName"/>; the code is its receipt.</summary>
    CharityDonation = 5,
}
