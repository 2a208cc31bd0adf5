namespace LoyaltyGrid.Domain.Profiles;

/// <summary>A member's current answer for one channel: granted or withdrawn, when, and where it was given.</summary>
public sealed record Consent(ConsentChannel Channel, bool Granted, DateTimeOffset At, ConsentSource Source);
