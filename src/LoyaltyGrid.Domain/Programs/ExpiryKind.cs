namespace LoyaltyGrid.Domain.Programs;

public enum ExpiryKind
{
    /// <summary>Points never expire.</summary>
    Never,

    /// <summary>Each lot of earned points expires <see cref="ExpiryPolicy.Months"/> after it was earned; spending uses the oldest first.</summary>
    FifoLots,

    /// <summary>All available points expire after <see cref="ExpiryPolicy.Months"/> without a purchase or redemption.</summary>
    Inactivity,
}
