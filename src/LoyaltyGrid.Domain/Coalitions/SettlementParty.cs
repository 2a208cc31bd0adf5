namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>Whose line of a settlement: a partner merchant's, the operator's, or the sum of all lines.</summary>
public enum SettlementParty
{
    Partner,
    Operator,
    Total,
}
