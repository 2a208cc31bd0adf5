using System.Text.Json.Serialization;

namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// What one partner merchant of a coalition has agreed to, from some moment on. Prices are per thousand points
/// in minor units of the program's currency, so that a price below one minor unit per point (0.4 cent) is an
/// integer too; settlement multiplies exactly and rounds only once (see <see cref="Settlement"/>).
/// </summary>
/// <param name="EarnRatePointsPerCurrencyUnit">Points a member earns per major unit spent at this partner.</param>
/// <param name="IssuePriceMinorPerThousandPoints">What the partner pays the coalition for the points its stores issue.</param>
/// <param name="RedemptionReimbursementMinorPerThousandPoints">What the coalition pays the partner for points redeemed at its stores.</param>
public sealed record PartnerTerms(
    string MerchantId,
    long EarnRatePointsPerCurrencyUnit,
    long IssuePriceMinorPerThousandPoints,
    long RedemptionReimbursementMinorPerThousandPoints)
{
    /// <summary>
    /// What this partner is paid, in minor units, when a member it referred (with its partner referral code) first buys at
    /// another partner; the partner where the member bought pays it, in the settlement. 0: no fee. Left out of the
    /// stored JSON and of the legacy fingerprint while 0, so terms recorded before it keep their bytes and digests.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [LaterThanLegacyFingerprint]
    public long ReferralFeeMinor { get; init; }

    /// <summary>Adds a violation per bad field, named as in the proto under <paramref name="prefix"/> (e.g. <c>terms.</c>).</summary>
    internal RequestValidator Check(RequestValidator v, string prefix) => v
        .Id(prefix + "merchant_id", MerchantId)
        .Range(prefix + "earn_rate_points_per_currency_unit", EarnRatePointsPerCurrencyUnit, 0, Limits.MaxPointsPerCurrencyUnit)
        .Range(prefix + "issue_price_minor_per_thousand_points", IssuePriceMinorPerThousandPoints, 0, CoalitionLimits.MaxPriceMinorPerThousandPoints)
        .Range(prefix + "redemption_reimbursement_minor_per_thousand_points", RedemptionReimbursementMinorPerThousandPoints, 0,
            CoalitionLimits.MaxPriceMinorPerThousandPoints)
        .Range(prefix + "referral_fee_minor", ReferralFeeMinor, 0, CoalitionLimits.MaxReferralFeeMinor);
}
