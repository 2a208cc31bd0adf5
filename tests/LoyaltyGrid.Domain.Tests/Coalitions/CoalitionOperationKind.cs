namespace LoyaltyGrid.Domain.Tests.Coalitions;

public enum CoalitionOperationKind
{
    Purchase,
    Return,
    Redeem,
    Wait,
    Reinstate,
    ChangeTerms,
    JoinOrLeave,
    Revalue,
}
