namespace LoyaltyGrid.Domain.Profiles;

/// <summary>The member's contact details after an update, whole: the event answers a retry by itself.</summary>
public sealed record ProfileUpdated(ContactDetails Contact) : ProfileEvent;
