using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The rules of bringing a migrating retailer's past purchases over: what a valid <see cref="ImportHistoricalPurchase"/>
/// is, the <see cref="HistoricalPurchaseImported"/> it becomes, and whether one already stored is the same purchase.
/// A past purchase may be years old (the offline window does not apply: nothing is earned), but not in the future.
/// </summary>
public static class PurchaseHistoryImport
{
    /// <summary>Most one imported purchase may cost, in minor units (ten billion in a two-decimal currency).</summary>
    public const long MaxAmountMinor = 1_000_000_000_000;

    public const string PointsNotSupported = "HISTORY_POINTS_NOT_SUPPORTED";

    public const string TiersNotSupported = "HISTORY_TIERS_NOT_SUPPORTED";

    /// <summary>
    /// The import as a whole, from its first message: points and tier credit for imported purchases are not supported
    /// (yet), so asking for them refuses the call before anything is written.
    /// </summary>
    public static LoyaltyError? CheckCall(ImportHistoricalPurchase first)
    {
        if (first.AwardPoints)
        {
            return LoyaltyError.Precondition(PointsNotSupported,
                "award_points: imported purchases cannot award points; send award_points false and set opening_points with ImportMembers");
        }
        if (first.CountTowardsTiers)
        {
            return LoyaltyError.Precondition(TiersNotSupported,
                "count_towards_tiers: imported purchases cannot count towards tiers; send it false and give the tier with ImportMembers' tier_id");
        }
        return null;
    }

    /// <summary>Every field violation of one purchase (empty if it can be imported into <paramref name="rules"/>' program).</summary>
    public static IReadOnlyList<FieldViolation> Check(ImportHistoricalPurchase purchase, ProgramRules rules, DateTimeOffset now)
    {
        var v = new RequestValidator()
            .RequestId("import_id", purchase.ImportId)
            .Id("program_id", purchase.ProgramId)
            .Id("member_id", purchase.MemberId)
            .Id("purchase_id", purchase.PurchaseId)
            .Range("amount_minor", purchase.AmountMinor, 0, MaxAmountMinor)
            .Id("merchant_id", purchase.MerchantId, required: false)
            .Id("store_id", purchase.StoreId, required: false);
        if (purchase.ProgramId is { Length: > 0 } programId && programId != rules.ProgramId)
        {
            v.Add("program_id", $"every message of one import must name the same program: '{rules.ProgramId}' (from the first message), not '{programId}'");
        }
        if (purchase.OccurredAt is not { } occurredAt)
        {
            v.Add("occurred_at", "is required (when the purchase happened in the other system)");
        }
        else if (occurredAt > now + Limits.MaxClockSkew)
        {
            v.Add("occurred_at", $"is in the future ({occurredAt:O}; the server's time is {now:O})");
        }
        if (purchase.Currency is { Length: > 0 } currency && currency != rules.Settings.Currency)
        {
            v.Add("currency", $"must be the program's currency, {rules.Settings.Currency}, or left out; got '{currency}'");
        }
        if (purchase.StoreId is { Length: > 0 } && purchase.MerchantId is not { Length: > 0 })
        {
            v.Add("merchant_id", "is required when store_id is set");
        }
        if (purchase.AwardPoints)
        {
            v.Add("award_points", "imported purchases cannot award points; every message of one import sends false");
        }
        if (purchase.CountTowardsTiers)
        {
            v.Add("count_towards_tiers", "imported purchases cannot count towards tiers; every message of one import sends false");
        }
        return v.Violations;
    }

    /// <summary>The event that imports a purchase that passed <see cref="Check"/>.</summary>
    public static HistoricalPurchaseImported Decide(ImportHistoricalPurchase purchase, ProgramRules rules, DateTimeOffset now) =>
        new(purchase.ProgramId, purchase.MemberId, purchase.PurchaseId, purchase.AmountMinor, rules.Settings.Currency,
            NullIfEmpty(purchase.MerchantId), NullIfEmpty(purchase.StoreId), purchase.ImportId)
        {
            // No fingerprint: the import id is shared by the whole run and is not remembered as a request.
            RequestId = purchase.ImportId,
            OccurredAt = purchase.OccurredAt ?? throw new ArgumentException("occurred_at is required.", nameof(purchase)),
            RecordedAt = now,
        };

    /// <summary>
    /// The fields in which <paramref name="purchase"/> differs from the one <paramref name="existing"/> imported under
    /// its purchase id (empty: the same purchase, sent again). The import id is not compared.
    /// </summary>
    public static IReadOnlyList<string> Differences(HistoricalPurchaseImported existing, ImportHistoricalPurchase purchase)
    {
        var differ = new List<string>();
        if (existing.MemberId != purchase.MemberId)
        {
            differ.Add("member_id");
        }
        if (existing.OccurredAt != purchase.OccurredAt)
        {
            differ.Add("occurred_at");
        }
        if (existing.AmountMinor != purchase.AmountMinor)
        {
            differ.Add("amount_minor");
        }
        if (existing.MerchantId != NullIfEmpty(purchase.MerchantId))
        {
            differ.Add("merchant_id");
        }
        if (existing.StoreId != NullIfEmpty(purchase.StoreId))
        {
            differ.Add("store_id");
        }
        return differ;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
