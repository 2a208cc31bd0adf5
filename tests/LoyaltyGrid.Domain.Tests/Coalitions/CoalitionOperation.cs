namespace LoyaltyGrid.Domain.Tests.Coalitions;

/// <summary>
/// One step of a generated coalition history. <see cref="Member"/> and <see cref="Merchant"/> index the run's members
/// and merchants; <see cref="Pick"/> chooses among what exists when the step runs (a purchase to return from, whether
/// a hold is captured, voided or left to expire), so a step stays meaningful when shrinking removes earlier ones.
/// </summary>
/// <param name="HoursAhead">Wait: how long; purchase: how long ago it happened offline; admin: how far ahead it takes effect.</param>
public sealed record CoalitionOperation(
    CoalitionOperationKind Kind,
    int MinutesLater,
    int HoursAhead,
    int Member,
    int Merchant,
    int Pick,
    int Quantity,
    int UnitPriceMinor,
    int Percent,
    int IssuePrice,
    int Reimbursement)
{
    public override string ToString()
    {
        var merchant = CoalitionScenarioRun.Merchants[Merchant];
        var what = Kind switch
        {
            CoalitionOperationKind.Purchase => $"m{Member} buys {Quantity}×{UnitPriceMinor} at {merchant}" + (HoursAhead > 0 ? $" {HoursAhead}h ago offline" : ""),
            CoalitionOperationKind.Return => $"m{Member} returns {Quantity} of purchase #{Pick} at {merchant}",
            CoalitionOperationKind.Redeem => $"m{Member} redeems {Percent}% at {merchant}, then {(Pick % 4 < 2 ? "capture" : Pick % 4 == 2 ? "void" : "nothing")}",
            CoalitionOperationKind.Wait => $"wait {HoursAhead}h",
            CoalitionOperationKind.Reinstate => $"m{Member} reinstated",
            CoalitionOperationKind.ChangeTerms => $"{merchant} terms {IssuePrice}/{Reimbursement} in {HoursAhead}h",
            CoalitionOperationKind.JoinOrLeave => $"{merchant} joins or leaves in {HoursAhead}h at {IssuePrice}/{Reimbursement}",
            _ => $"valuation {IssuePrice}",
        };
        return MinutesLater == 0 ? what : $"+{MinutesLater}min {what}";
    }
}
