namespace LoyaltyGrid.Domain.Programs;

/// <summary>When available points expire. Months are calendar months in UTC.</summary>
public sealed record ExpiryPolicy(ExpiryKind Kind, int Months)
{
    public static readonly ExpiryPolicy Never = new(ExpiryKind.Never, 0);
}
