using FsCheck;
using FsCheck.Fluent;

namespace LoyaltyGrid.Domain.Tests.Properties;

/// <summary>Random programs, baskets and histories of member operations.</summary>
public static class MemberGenerators
{
    public const int MaxOperations = 40;
    private const int SkuCount = 6;
    private const int MaxBasketLines = 4;
    private const int MaxQuantity = 5;

    private static readonly Gen<GeneratedLine[]> Basket =
        from count in Gen.Choose(1, MaxBasketLines)
        from skus in Gen.Shuffle(Enumerable.Range(0, SkuCount).ToArray())
        from quantities in Gen.Choose(1, MaxQuantity).ArrayOf(count)
        from prices in Gen.Frequency((1, Gen.Constant(0)), (8, Gen.Choose(1, 5000))).ArrayOf(count)
        select Enumerable.Range(0, count).Select(i => new GeneratedLine(skus[i], quantities[i], prices[i])).ToArray();

    private static readonly Gen<MemberOperation> Operation =
        from kind in Gen.Frequency(
            (6, Gen.Constant(OperationKind.Purchase)),
            (4, Gen.Constant(OperationKind.Authorize)),
            (4, Gen.Constant(OperationKind.Capture)),
            (2, Gen.Constant(OperationKind.Void)),
            (4, Gen.Constant(OperationKind.Return)),
            (2, Gen.Constant(OperationKind.ExpireHolds)),
            (2, Gen.Constant(OperationKind.Retry)))
        from minutes in Gen.Frequency((5, Gen.Constant(0)), (3, Gen.Choose(1, 5)), (1, Gen.Choose(10, 30)))
        from pick in Gen.Choose(0, 1000)
        from percent in Gen.Frequency((6, Gen.Choose(1, 100)), (2, Gen.Constant(100)), (1, Gen.Choose(101, 150)))
        from basket in Basket
        from returned in Gen.Choose(0, MaxQuantity).Select(q => (long)q).ArrayOf(MaxBasketLines)
        from misfire in Gen.Frequency((7, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new MemberOperation(
            kind, minutes, pick, percent, kind == OperationKind.Purchase ? basket : [], kind == OperationKind.Return ? returned : [], misfire);

    private static Gen<MemberScenario> Scenario(bool allowNegativeBalance) =>
        from currency in Gen.Elements("EUR", "JPY", "KWD")
        from rate in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 20)))
        from length in Gen.Choose(0, MaxOperations)
        from operations in Operation.ArrayOf(length)
        select new MemberScenario(currency, rate, allowNegativeBalance, operations);

    public static Arbitrary<MemberScenario> Scenarios(bool allowNegativeBalance) =>
        Arb.From(Scenario(allowNegativeBalance), ShrinkScenario);

    public static Arbitrary<PurchaseAndFullReturn> PurchasesReturnedInFull() =>
        Arb.From(
            from allowNegativeBalance in Gen.Elements(true, false)
            from history in Scenario(allowNegativeBalance)
            from basket in Basket
            from pieceCount in Gen.Choose(1, 3)
            from pieces in Gen.Choose(0, pieceCount - 1).ArrayOf(MaxBasketLines * MaxQuantity)
            select new PurchaseAndFullReturn(history, basket, pieces),
            x => ShrinkScenario(x.History).Select(history => x with { History = history }));

    /// <summary>Shorter histories: without the second half, then without one operation at a time.</summary>
    private static IEnumerable<MemberScenario> ShrinkScenario(MemberScenario scenario)
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
    }
}
