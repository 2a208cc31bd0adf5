namespace LoyaltyGrid.Domain.Profiles;

/// <summary>A channel a member may agree to receive marketing on.</summary>
public enum ConsentChannel
{
    Email = 1,
    Sms = 2,
    Push = 3,
}
