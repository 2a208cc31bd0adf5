namespace LoyaltyGrid.Domain.Tests.Properties;

public enum OperationKind
{
    Purchase,
    Authorize,
    Capture,
    Void,
    Return,
    ExpireHolds,
    Retry,
}
