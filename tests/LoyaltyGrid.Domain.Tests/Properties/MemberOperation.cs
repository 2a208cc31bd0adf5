namespace LoyaltyGrid.Domain.Tests.Properties;

/// <summary>
/// One step of a generated history. <see cref="Pick"/> chooses among what exists when the step runs (a purchase
/// to return from, a hold to capture, an earlier request to resend), so a step stays meaningful when shrinking
/// removes earlier ones. Likewise an authorization asks for <see cref="Percent"/> of the points available when it
/// runs, so that it is sometimes all of them or more whatever the currency and rate. A <see cref="Misfire"/> aims at
/// something that should be refused: any hold ever made rather than an open one, more than is left to return.
/// </summary>
public sealed record MemberOperation(
    OperationKind Kind,
    int MinutesLater,
    int Pick,
    int Percent,
    IReadOnlyList<GeneratedLine> Basket,
    IReadOnlyList<long> ReturnQuantities,
    bool Misfire)
{
    public override string ToString()
    {
        var what = Kind switch
        {
            OperationKind.Purchase => $"Purchase [{string.Join(", ", Basket)}]",
            OperationKind.Authorize => $"Authorize {Percent}% of available",
            OperationKind.Return => $"Return #{Pick} [{string.Join(", ", ReturnQuantities)}]",
            OperationKind.ExpireHolds => "ExpireHolds",
            _ => $"{Kind} #{Pick}",
        };
        what = Misfire && Kind is OperationKind.Capture or OperationKind.Void or OperationKind.Return ? what + " (misfire)" : what;
        return MinutesLater == 0 ? what : $"+{MinutesLater}min {what}";
    }
}
