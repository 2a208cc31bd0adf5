using FsCheck;
using FsCheck.Fluent;

namespace LoyaltyGrid.Domain.Tests.Coalitions;

/// <summary>Random coalition histories: business at random partners (and a non-partner), returns, redemptions, expiry, admin changes.</summary>
public static class CoalitionGenerators
{
    public const int MaxOperations = 40;

    private static readonly Gen<CoalitionOperation> Operation =
        from kind in Gen.Frequency(
            (8, Gen.Constant(CoalitionOperationKind.Purchase)),
            (4, Gen.Constant(CoalitionOperationKind.Return)),
            (5, Gen.Constant(CoalitionOperationKind.Redeem)),
            (3, Gen.Constant(CoalitionOperationKind.Wait)),
            (1, Gen.Constant(CoalitionOperationKind.Reinstate)),
            (2, Gen.Constant(CoalitionOperationKind.ChangeTerms)),
            (1, Gen.Constant(CoalitionOperationKind.JoinOrLeave)),
            (1, Gen.Constant(CoalitionOperationKind.Revalue)))
        from minutes in Gen.Frequency((4, Gen.Constant(0)), (4, Gen.Choose(1, 180)))
        from hours in kind == CoalitionOperationKind.Wait
            ? Gen.Frequency((3, Gen.Choose(1, 48)), (2, Gen.Choose(48, 24 * 45)))
            : Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Choose(1, 72)))
        from member in Gen.Choose(0, CoalitionScenarioRun.MemberCount - 1)
        from merchant in Gen.Choose(0, CoalitionScenarioRun.Merchants.Count - 1)
        from pick in Gen.Choose(0, 1000)
        from quantity in Gen.Choose(1, 5)
        from price in Gen.Frequency((1, Gen.Constant(1)), (6, Gen.Choose(1, 5_000)))
        from percent in Gen.Frequency((6, Gen.Choose(1, 100)), (1, Gen.Choose(101, 150)))
        from issuePrice in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 2_000)), (1, Gen.Constant(999)))
        from reimbursement in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 2_000)), (1, Gen.Constant(1_001)))
        select new CoalitionOperation(kind, minutes, hours, member, merchant, pick, quantity, price, percent, issuePrice, reimbursement);

    private static readonly Gen<CoalitionCut> Cut =
        from atEvent in Gen.Frequency((2, Gen.Constant(false)), (1, Gen.Constant(true)))
        from pick in Gen.Choose(0, 1000)
        select new CoalitionCut(atEvent, pick);

    private static readonly Gen<CoalitionScenario> Scenario =
        from allowNegativeBalance in Gen.Elements(true, false)
        from pendingDays in Gen.Elements(0, 0, 14)
        from length in Gen.Choose(0, MaxOperations)
        from operations in Operation.ArrayOf(length)
        from cutCount in Gen.Choose(2, 6)
        from cuts in Cut.ArrayOf(cutCount)
        select new CoalitionScenario(allowNegativeBalance, pendingDays, operations, cuts);

    public static Arbitrary<CoalitionScenario> Scenarios() => Arb.From(Scenario, Shrink);

    /// <summary>Shorter histories (without the second half, then without one step at a time), then fewer cuts.</summary>
    private static IEnumerable<CoalitionScenario> Shrink(CoalitionScenario scenario)
    {
        var operations = scenario.Operations;
        if (operations.Count > 1)
        {
            yield return scenario with { Operations = operations.Take(operations.Count / 2).ToArray() };
        }
        for (var i = 0; i < operations.Count; i++)
        {
            yield return scenario with { Operations = operations.Where((_, j) => j != i).ToArray() };
        }
        for (var i = 0; scenario.Cuts.Count > 2 && i < scenario.Cuts.Count; i++)
        {
            yield return scenario with { Cuts = scenario.Cuts.Where((_, j) => j != i).ToArray() };
        }
    }
}
