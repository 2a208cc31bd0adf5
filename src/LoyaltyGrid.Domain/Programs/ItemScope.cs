using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// The lines an item-level rule looks at: those in one of the categories, with one of the SKUs or carrying one of the
/// labels; all empty = every line.
/// </summary>
public sealed record ItemScope(IReadOnlyList<string> Categories, IReadOnlyList<string> Skus)
{
    public static readonly ItemScope AllItems = new([], []);

    /// <summary>Line labels (brand, colour, …); left out of the stored JSON while empty, so older scopes read and store as before.</summary>
    [LaterThanLegacyFingerprint]
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>
    /// The lists as pricing looks them up, built on first use: every promotion's scope is matched against every line
    /// of every purchase, and a scope of a hundred SKUs scanned as a list is a hundred string comparisons per line.
    /// Not part of the scope's value: it is private (no JSON, no fingerprint sees it) and compares equal to any other,
    /// so the record's synthesized equality and hash stay those of its lists.
    /// </summary>
    private readonly LookupCache lookup = new();

    public bool IsAll => Categories.Count == 0 && Skus.Count == 0 && Labels.Count == 0;

    public bool Matches(string sku, string? category)
    {
        if (IsAll)
        {
            return true;
        }
        var sets = lookup.Of(this);
        return sets.Skus.Contains(sku) || (category is { Length: > 0 } && sets.Categories.Contains(category));
    }

    /// <summary>Whether the line is in scope; a delivery line never is.</summary>
    public bool Matches(PurchaseLine line)
    {
        if (line.Delivery)
        {
            return false;
        }
        if (Matches(line.Sku, line.Category))
        {
            return true;
        }
        if (Labels.Count == 0)
        {
            return false;
        }
        var labels = lookup.Of(this).Labels;
        for (var i = 0; i < line.Labels.Count; i++) // not foreach: an enumerator of the interface is an allocation
        {
            if (labels.Contains(line.Labels[i]))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Holds the <see cref="Lookup"/> of the lists it was built from. A copy made with <c>with</c> shares this holder,
    /// so it checks that the lists are still the same ones and builds a lookup of the copy's own if not.
    /// </summary>
    private sealed class LookupCache
    {
        private volatile Lookup? built;

        public Lookup Of(ItemScope scope)
        {
            var lookup = built;
            if (lookup is null || !lookup.IsOf(scope))
            {
                built = lookup = new Lookup(scope);
            }
            return lookup;
        }

        public override bool Equals(object? obj) => obj is LookupCache;

        public override int GetHashCode() => 0;
    }

    private sealed class Lookup(ItemScope scope)
    {
        private readonly (IReadOnlyList<string>, IReadOnlyList<string>, IReadOnlyList<string>) lists = (scope.Categories, scope.Skus, scope.Labels);

        public Names Categories { get; } = new(scope.Categories);

        public Names Skus { get; } = new(scope.Skus);

        public Names Labels { get; } = new(scope.Labels);

        public bool IsOf(ItemScope scope) =>
            ReferenceEquals(lists.Item1, scope.Categories) && ReferenceEquals(lists.Item2, scope.Skus) && ReferenceEquals(lists.Item3, scope.Labels);
    }

    /// <summary>One list, ordinal as the list's own Contains: scanned while short (cheaper than hashing), a set once long.</summary>
    private sealed class Names(IReadOnlyList<string> list)
    {
        private const int ScannedUpTo = 8;

        private readonly string[] items = [.. list];

        private readonly HashSet<string>? set = list.Count > ScannedUpTo ? new HashSet<string>(list, StringComparer.Ordinal) : null;

        public bool Contains(string value)
        {
            if (set is not null)
            {
                return set.Contains(value);
            }
            foreach (var item in items)
            {
                if (string.Equals(item, value, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }
    }
}
