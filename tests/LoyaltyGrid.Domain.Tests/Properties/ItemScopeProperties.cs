using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Tests.Properties;

/// <summary>
/// A scope looks its lists up as sets once they are long: on random scopes (short and long lists, SKUs, categories and
/// labels drawn from one small pool so that they meet) and random lines (delivery lines, empty categories, several
/// labels), it matches exactly the lines the plain list lookups match, and its value is still that of its lists.
/// </summary>
public sealed class ItemScopeProperties
{
    private static readonly string[] Pool = [.. Enumerable.Range(0, 30).Select(i => $"n-{i}"), ""];

    private static Gen<string[]> Names =>
        from count in Gen.Frequency((3, Gen.Choose(0, 3)), (2, Gen.Choose(4, 12)), (1, Gen.Choose(13, 25)))
        from names in Gen.Elements(Pool).ArrayOf(count)
        select names;

    private static Gen<ItemScope> Scopes =>
        from categories in Names
        from skus in Names
        from labels in Names
        select new ItemScope(categories, skus) { Labels = labels };

    private static Gen<PurchaseLine> Lines =>
        from sku in Gen.Elements(Pool)
        from category in Gen.Elements(Pool)
        from count in Gen.Choose(0, 3)
        from labels in Gen.Elements(Pool).ArrayOf(count)
        from delivery in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new PurchaseLine(sku, category, 1, 100) { Labels = labels, Delivery = delivery };

    private static Gen<(ItemScope Scope, PurchaseLine[] Lines)> Basket =>
        from scope in Scopes
        from count in Gen.Choose(1, 8)
        from lines in Lines.ArrayOf(count)
        select (scope, lines);

    private static Gen<(ItemScope Scope, string[] Skus, PurchaseLine Line)> Copies =>
        from scope in Scopes
        from skus in Names
        from line in Lines
        select (scope, skus, line);

    /// <summary>What <see cref="ItemScope.Matches(PurchaseLine)"/> meant before it had sets: list lookups.</summary>
    private static bool MatchesByLists(ItemScope scope, PurchaseLine line) =>
        !line.Delivery
        && (scope.IsAll
            || scope.Skus.Contains(line.Sku)
            || (line.Category is { Length: > 0 } && scope.Categories.Contains(line.Category))
            || (scope.Labels.Count > 0 && line.Labels.Any(scope.Labels.Contains)));

    [Property(MaxTest = 500)]
    public Property A_scope_matches_the_lines_its_lists_match() =>
        Prop.ForAll(Basket.ToArbitrary(), x =>
        {
            var (scope, lines) = x;
            Assert.Equal(lines.Select(l => MatchesByLists(scope, l)), lines.Select(scope.Matches));
            Assert.Equal(lines.Select(l => scope.IsAll || scope.Skus.Contains(l.Sku) || (l.Category is { Length: > 0 } && scope.Categories.Contains(l.Category))),
                lines.Select(l => scope.Matches(l.Sku, l.Category)));
        });

    [Property(MaxTest = 200)]
    public Property A_copy_with_other_lists_matches_by_its_own_lists() =>
        Prop.ForAll(Copies.ToArbitrary(), x =>
        {
            var (scope, skus, line) = x;
            scope.Matches(line); // the original builds its lookup first
            var copy = scope with { Skus = skus };

            Assert.Equal(MatchesByLists(copy, line), copy.Matches(line));
            Assert.Equal(MatchesByLists(scope, line), scope.Matches(line));
        });

    [Fact]
    public void A_scope_that_has_matched_equals_one_of_the_same_lists_that_has_not()
    {
        string[] skus = [.. Enumerable.Range(0, 100).Select(i => $"sku-{i}")];
        string[] categories = ["cat-1"];
        var used = new ItemScope(categories, skus);
        var fresh = new ItemScope(categories, skus);

        Assert.True(used.Matches(new PurchaseLine("sku-42", "cat-9", 1, 100)));
        Assert.False(used.Matches(new PurchaseLine("sku-420", "cat-9", 1, 100)));

        Assert.Equal(fresh, used);
        Assert.Equal(fresh.GetHashCode(), used.GetHashCode());
        Assert.NotEqual(fresh, used with { Labels = ["brand-1"] });
    }
}
