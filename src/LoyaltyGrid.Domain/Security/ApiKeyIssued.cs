namespace LoyaltyGrid.Domain.Security;

public sealed record ApiKeyIssued(ApiKey Key) : ApiKeyEvent;
