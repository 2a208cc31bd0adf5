namespace LoyaltyGrid.Domain.Profiles;

/// <summary>What a profile command does: a new event to append, or the sequence of the event that answered it before.</summary>
public sealed record ProfileDecision(ProfileEvent? NewEvent, long? ReplayOf);
