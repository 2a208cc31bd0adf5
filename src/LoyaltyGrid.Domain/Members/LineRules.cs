namespace LoyaltyGrid.Domain.Members;

/// <summary>Field checks shared by purchase and return baskets.</summary>
internal static class LineRules
{
    // "lines[i].sku" and the like, built once for every line a basket may have: a purchase checks four fields per line.
    public static readonly string[] SkuField = FieldNames("sku");
    public static readonly string[] CategoryField = FieldNames("category");
    public static readonly string[] QuantityField = FieldNames("quantity");
    public static readonly string[] UnitPriceField = FieldNames("unit_price_minor");

    public static void CheckCount(RequestValidator v, int count)
    {
        if (count == 0)
        {
            v.Add("lines", "at least one line is required");
        }
        else if (count > Limits.MaxLines)
        {
            v.Add("lines", $"at most {Limits.MaxLines} lines are allowed, got {count}");
        }
    }

    public static void CheckSku(RequestValidator v, HashSet<string> seen, int index, string sku)
    {
        v.Id(SkuField[index], sku);
        if (!string.IsNullOrEmpty(sku) && !seen.Add(sku))
        {
            v.Add(SkuField[index], $"sku '{sku}' appears on more than one line; put the whole quantity on one line");
        }
    }

    public static void CheckOccurredAt(RequestValidator v, DateTimeOffset? occurredAt, DateTimeOffset now)
    {
        if (occurredAt is { } at && at > now + Limits.MaxClockSkew)
        {
            v.Add("occurred_at", $"is {(at - now).TotalMinutes:0} minutes in the future; check the terminal's clock");
        }
    }

    private static string[] FieldNames(string field) => [.. Enumerable.Range(0, Limits.MaxLines).Select(i => $"lines[{i}].{field}")];
}
