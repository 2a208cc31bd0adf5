using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// The settlement rules of one member event: which party it belongs to and what it adds (<see cref="Settlement"/> says
/// why). A return, a cancelled earning and a capture belong to the origin of their purchase or hold, which the caller
/// keeps from the earlier event (<see cref="OriginOf(PurchaseRecorded)"/>, <see cref="OriginOf(RedemptionAuthorized)"/>)
/// and passes in. Used by the pass over the journal (<see cref="SettlementCalculator"/>) and by the insights
/// projection, so both count alike.
/// </summary>
public sealed class SettlementAttribution(Coalition? coalition)
{
    /// <summary>The origin of a purchase's points, or null when its merchant was no partner then.</summary>
    public SettlementOrigin? OriginOf(PurchaseRecorded purchase) =>
        TermsAt(purchase.MerchantId, When(purchase)) is { } terms
            ? new SettlementOrigin(purchase.MerchantId, terms.IssuePriceMinorPerThousandPoints)
            : null;

    /// <summary>The origin of a hold, or null when its merchant was no partner then.</summary>
    public SettlementOrigin? OriginOf(RedemptionAuthorized hold) =>
        TermsAt(hold.MerchantId, When(hold)) is { } terms
            ? new SettlementOrigin(hold.MerchantId, terms.RedemptionReimbursementMinorPerThousandPoints)
            : null;

    /// <summary>
    /// What <paramref name="e"/> adds, and to whom. <paramref name="origin"/> is the origin of the purchase itself, of the
    /// purchase a return or a cancelled earning is of, or of the hold a capture is of (null: the operator's).
    /// Throws if the event moves members' points in a way this does not count, rather than settling wrong figures.
    /// </summary>
    public static SettlementEntry Entry(MemberEvent e, SettlementOrigin? origin, string streamId, long sequence)
    {
        var party = origin?.MerchantId ?? SettlementEntry.Operator;
        var price = origin?.PriceMinorPerThousandPoints ?? 0;
        var amounts = e switch
        {
            PurchaseRecorded purchase => new SettlementAmounts
            {
                Issued = purchase.Points, Outstanding = purchase.Points, IssueValue = (Int128)purchase.Points * price,
            },
            // The points go back to whoever issued them, at the price that partner paid for them. A return of a purchase
            // whose origin is not known cannot be attributed: the operator carries it.
            ReturnRecorded ret => new SettlementAmounts
            {
                Reversed = ret.Points, WrittenOff = ret.WrittenOff, Outstanding = -ret.Points, CreditValue = (Int128)ret.Points * price,
            },
            RedemptionCaptured capture => new SettlementAmounts
            {
                Redeemed = capture.Points, Outstanding = -capture.Points, ReimbursementValue = (Int128)capture.Points * price,
            },
            PointsExpired expired => new SettlementAmounts { Expired = expired.Points, Outstanding = -expired.Points },
            // An opening balance was issued by the system the member came from, by no partner here: the operator's, like
            // the points of a purchase at a merchant that is not a partner. It charges no one and adds to the liability.
            MemberImported imported => new SettlementAmounts { Issued = imported.OpeningPoints, Outstanding = imported.OpeningPoints },
            PointsReinstated reinstated => new SettlementAmounts { Reinstated = reinstated.Points, Outstanding = reinstated.Points },
            // A manual credit or debit is the program operator's decision, not a partner's: it charges and credits no one,
            // and changes the liability (a credit as issued points, a debit as reversed ones).
            PointsAdjusted adjusted => adjusted.Points > 0
                ? new SettlementAmounts { Issued = adjusted.Points, Outstanding = adjusted.Points }
                : new SettlementAmounts { Reversed = -adjusted.Points, Outstanding = adjusted.Points },
            // A transfer moves points between members of the program, the operator's business, not a partner's: the
            // sender's points are taken back by the operator and issued to the receiver, so the two cancel in a period
            // that holds both, and a transfer in flight at the period's end is carried by neither member.
            PointsTransferredOut sent => new SettlementAmounts { Reversed = sent.Points, Outstanding = -sent.Points },
            PointsTransferredIn received => new SettlementAmounts { Issued = received.Points, Outstanding = received.Points },
            TransferSettled { Refunded: true } refunded => new SettlementAmounts { Issued = refunded.Points, Outstanding = refunded.Points },
            // A purchase's cancelled points go back to the partner that issued them, like a return (it is credited what it
            // paid for them); a cancelled adjustment is the operator's.
            EarningCancelled cancelled => new SettlementAmounts
            {
                Reversed = cancelled.Points, Outstanding = -cancelled.Points, CreditValue = (Int128)cancelled.Points * price,
            },
            // Any other points the program gives or takes (a birthday bonus, a bonus for an event) are the operator's
            // decision, like an adjustment: issued or reversed by no partner.
            _ => e.ApplyTo(Balance.Zero).Total switch
            {
                > 0 and var given => new SettlementAmounts { Issued = given, Outstanding = given },
                < 0 and var taken => new SettlementAmounts { Reversed = -taken, Outstanding = taken },
                _ => default,
            },
        };
        // Every point a member holds is someone's: an event that moved points in a way not counted above would make the
        // figures silently wrong, so it stops the settlement instead.
        var balanceChange = e.ApplyTo(Balance.Zero).Total;
        if (balanceChange != amounts.Outstanding)
        {
            throw new InvalidOperationException(
                $"Settlement counts {amounts.Outstanding} points for {e.GetType().Name} (stream '{streamId}', sequence {sequence}) " +
                $"but the event moves {balanceChange}.");
        }
        return new SettlementEntry(amounts.IsZero ? SettlementEntry.Operator : party, e.RecordedAt, amounts);
    }

    /// <summary>
    /// The two sides of a partner referral's fee (<see cref="PartnerReferralFeeDue"/>), or null for any other event: the
    /// referring partner earns it, the partner where the referred member bought owes it, both in the period the fee was
    /// recorded in. The fee is whole minor units, the same on both sides, so the partners' fees sum to 0 in every period.
    /// </summary>
    public static (SettlementEntry Earned, SettlementEntry Owed)? ReferralFee(MemberEvent e) => e is PartnerReferralFeeDue fee
        ? (new SettlementEntry(fee.PartnerId, fee.RecordedAt, new SettlementAmounts { ReferralFeesEarned = fee.FeeMinor, ReferralsEarned = 1 }),
            new SettlementEntry(fee.MerchantId, fee.RecordedAt, new SettlementAmounts { ReferralFeesOwed = fee.FeeMinor, ReferralsOwed = 1 }))
        : null;

    /// <summary>When the business happened, for the terms it is priced on: never later than the server saw it.</summary>
    private static DateTimeOffset When(MemberEvent e) => e.OccurredAt < e.RecordedAt ? e.OccurredAt : e.RecordedAt;

    private PartnerTerms? TermsAt(string merchantId, DateTimeOffset time) => coalition?.Partner(merchantId)?.TermsAt(time);
}
