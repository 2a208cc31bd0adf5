namespace LoyaltyGrid.Domain.Profiles;

/// <summary>The profile was cleared (details and consents) at <see cref="ProfileEvent.RecordedAt"/>, at the request of <see cref="Actor"/>.</summary>
public sealed record ProfileErased(string Actor) : ProfileEvent;
