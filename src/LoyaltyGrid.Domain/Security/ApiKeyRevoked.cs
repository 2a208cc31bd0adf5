namespace LoyaltyGrid.Domain.Security;

public sealed record ApiKeyRevoked(string KeyId) : ApiKeyEvent;
