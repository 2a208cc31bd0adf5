namespace LoyaltyGrid.Domain.Profiles;

/// <summary>A consent was given or withdrawn; the stream keeps every one, the state only the latest per channel.</summary>
public sealed record ConsentChanged(Consent Consent) : ProfileEvent;
