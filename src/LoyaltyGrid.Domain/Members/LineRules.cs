namespace LoyaltyGrid.Domain.Members;

/// <summary>Field checks shared by purchase and return baskets.</summary>
internal static class LineRules
{
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
        v.Id($"lines[{index}].sku", sku);
        if (!string.IsNullOrEmpty(sku) && !seen.Add(sku))
        {
            v.Add($"lines[{index}].sku", $"sku '{sku}' appears on more than one line; put the whole quantity on one line");
        }
    }

    public static void CheckOccurredAt(RequestValidator v, DateTimeOffset? occurredAt, DateTimeOffset now)
    {
        if (occurredAt is { } at && at > now + Limits.MaxClockSkew)
        {
            v.Add("occurred_at", $"is {(at - now).TotalMinutes:0} minutes in the future; check the terminal's clock");
        }
    }
}
