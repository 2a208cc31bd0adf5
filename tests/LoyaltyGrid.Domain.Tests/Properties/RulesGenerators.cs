using FsCheck;
using FsCheck.Fluent;
using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Tests.Properties;

/// <summary>Random programs with every kind of (coupon-less) rule, and long histories that let time pass.</summary>
public static class RulesGenerators
{
    public const int MaxOperations = 40;
    private const int SkuCount = 6;
    private const int MaxBasketLines = 4;
    private const int MaxQuantity = 6;

    public static string CategoryOf(GeneratedLine line) => $"cat-{line.Sku % 4}";

    /// <summary>Labels for the finer earning rules (a label multiplier, a compounding multiplier, a fixed bonus per unit).</summary>
    public static string[] LabelsOf(GeneratedLine line) => (line.Sku % 3) switch
    {
        0 => ["lbl-a"],
        1 => ["lbl-b", "lbl-a"],
        _ => [],
    };

    /// <summary>A single unit of sku-4 is a delivery charge.</summary>
    public static bool IsDelivery(GeneratedLine line) => line.Sku == 4 && line.Quantity == 1;

    private static readonly Gen<GeneratedLine[]> Basket =
        from count in Gen.Choose(1, MaxBasketLines)
        from skus in Gen.Shuffle(Enumerable.Range(0, SkuCount).ToArray())
        from quantities in Gen.Choose(1, MaxQuantity).ArrayOf(count)
        from prices in Gen.Frequency((1, Gen.Constant(0)), (8, Gen.Choose(1, 6000))).ArrayOf(count)
        select Enumerable.Range(0, count).Select(i => new GeneratedLine(skus[i], quantities[i], prices[i])).ToArray();

    private static readonly Gen<RulesOperation> Operation =
        from kind in Gen.Frequency(
            (8, Gen.Constant(RulesOperationKind.Purchase)),
            (5, Gen.Constant(RulesOperationKind.Return)),
            (3, Gen.Constant(RulesOperationKind.Authorize)),
            (3, Gen.Constant(RulesOperationKind.Capture)),
            (1, Gen.Constant(RulesOperationKind.Void)),
            (4, Gen.Constant(RulesOperationKind.Wait)),
            (2, Gen.Constant(RulesOperationKind.Sleep)),
            (1, Gen.Constant(RulesOperationKind.ReinstateMember)),
            (1, Gen.Constant(RulesOperationKind.ReinstateProgram)),
            (2, Gen.Constant(RulesOperationKind.RecordEvent)))
        from days in Gen.Frequency((3, Gen.Choose(0, 3)), (3, Gen.Choose(4, 40)), (2, Gen.Choose(41, 120)))
        from minutes in Gen.Choose(0, 24 * 60)
        from pick in Gen.Choose(0, 1000)
        from percent in Gen.Frequency((6, Gen.Choose(1, 100)), (2, Gen.Constant(100)))
        from basket in Basket
        from returned in Gen.Choose(0, MaxQuantity).Select(q => (long)q).ArrayOf(MaxBasketLines)
        select new RulesOperation(kind, days, minutes, pick, percent,
            kind == RulesOperationKind.Purchase ? basket : [], kind == RulesOperationKind.Return ? returned : []);

    private static Gen<RulesScenario> Scenario(int maxOperations) =>
        from rate in Gen.Frequency((1, Gen.Constant(1)), (4, Gen.Choose(2, 20)))
        from allowNegative in Gen.Elements(true, false)
        from pending in Gen.Elements(true, false)
        from expiry in Gen.Elements(ExpiryKind.Never, ExpiryKind.FifoLots, ExpiryKind.Inactivity)
        from months in Gen.Choose(1, 3)
        from metric in Gen.Elements(TierMetric.QualifyingSpend, TierMetric.PointsEarned)
        from minSpend in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 2000)))
        from length in Gen.Choose(0, maxOperations)
        from operations in Operation.ArrayOf(length)
        select new RulesScenario(rate, allowNegative, pending, expiry, months, metric, minSpend, operations);

    public static Arbitrary<RulesScenario> Scenarios() => Arb.From(Scenario(MaxOperations), Shrink);

    public static Arbitrary<RulesPurchaseAndFullReturn> PurchasesReturnedInFull() =>
        Arb.From(
            from history in Scenario(MaxOperations / 2)
            from basket in Basket
            from pieceCount in Gen.Choose(1, 4)
            from pieces in Gen.Choose(0, pieceCount - 1).ArrayOf(MaxBasketLines * MaxQuantity)
            select new RulesPurchaseAndFullReturn(history, basket, pieces),
            x => Shrink(x.History).Select(history => x with { History = history })
                .Concat(ShrinkPieces(x.Pieces).Select(pieces => x with { Pieces = pieces }))
                .Concat(ShrinkBasket(x.Basket).Select(basket => x with { Basket = basket })));

    /// <summary>Shorter histories: without the second half, then without one operation at a time.</summary>
    private static IEnumerable<RulesScenario> Shrink(RulesScenario scenario)
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

    /// <summary>Fewer return requests: everything back in one, or two pieces merged.</summary>
    private static IEnumerable<IReadOnlyList<int>> ShrinkPieces(IReadOnlyList<int> pieces)
    {
        if (pieces.Any(p => p != 0))
        {
            yield return pieces.Select(_ => 0).ToArray();
            var highest = pieces.Max();
            yield return pieces.Select(p => p == highest ? highest - 1 : p).ToArray();
        }
    }

    /// <summary>Smaller baskets: without one line, or one unit less of a line.</summary>
    private static IEnumerable<IReadOnlyList<GeneratedLine>> ShrinkBasket(IReadOnlyList<GeneratedLine> basket)
    {
        for (var i = 0; i < basket.Count && basket.Count > 1; i++)
        {
            yield return basket.Where((_, j) => j != i).ToArray();
        }
        for (var i = 0; i < basket.Count; i++)
        {
            if (basket[i].Quantity > 1)
            {
                yield return basket.Select((line, j) => j == i ? line with { Quantity = line.Quantity - 1 } : line).ToArray();
            }
        }
    }
}
