using System.Globalization;
using System.Text.Json.Serialization;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// One line of a member's statement, read off a journal event; one event may give several lines (a purchase gives
/// one per rule or promotion that earned). <see cref="Points"/> is the change of the member's total (available +
/// held + pending); the deltas say how it moved between the three.
/// </summary>
public sealed record LedgerEntry(
    long Sequence,
    LedgerEntryType Type,
    long Points,
    long AvailableDelta,
    long HeldDelta,
    string Rule,
    string Description,
    string? RequestId,
    string? TransactionId,
    string? HoldId,
    string? MerchantId,
    string? StoreId,
    string? TerminalId,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    Balance BalanceAfter)
{
    public long PendingDelta { get; init; }

    /// <summary>The promotion that produced the points, if a promotion did.</summary>
    public string? PromotionId { get; init; }

    // The fields below came after the first release: left out of the JSON when not set, so older lines read as they did.

    /// <summary>Who made a manual change (adjustment, cancelled earning, reinstatement): the audit trail's name of the key.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Actor { get; init; }

    /// <summary>An adjustment's or cancelled earning's reason and note.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AdjustmentReason? AdjustmentReason { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; init; }

    /// <summary>A transfer's id, and the other member of it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TransferId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CounterpartMemberId { get; init; }

    /// <summary>The adjustment this line made (a credit can be cancelled by it) or cancelled.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AdjustmentId { get; init; }

    /// <summary>The custom event (RecordEvent) this line is.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EventId { get; init; }

    /// <summary>The statement lines of an event; empty for events that are not on a statement (enrolment).</summary>
    public static IReadOnlyList<LedgerEntry> From(long sequence, MemberEvent e)
    {
        var delta = e.ApplyTo(Balance.Zero);
        LedgerEntry Entry(LedgerEntryType type, string rule, string description,
            string? transactionId = null, string? holdId = null,
            string? merchantId = null, string? storeId = null, string? terminalId = null) =>
            new(sequence, type, delta.Available + delta.Held + delta.Pending, delta.Available, delta.Held, rule, description,
                e.RequestId, transactionId, holdId, merchantId, storeId, terminalId, e.OccurredAt, e.RecordedAt, e.BalanceAfter)
            {
                PendingDelta = delta.Pending,
            };

        return e switch
        {
            PurchaseRecorded p => Purchase(p, Entry(LedgerEntryType.Purchase, p.Rule,
                $"Purchase of {Money(p.TotalMinor, p.Currency)} earned {p.Points} points" + (p.PendingUntil is { } until ? $", pending until {until:O}" : ""),
                p.TransactionId, merchantId: p.MerchantId, storeId: p.StoreId, terminalId: p.TerminalId)),
            ReturnRecorded r => Return(r, Entry(LedgerEntryType.Return, "return",
                $"Return of {r.Lines.Sum(l => l.Quantity)} item(s) from {r.TransactionId} reversed {r.Points} points" +
                (r.WrittenOff > 0 ? $" ({r.WrittenOff} written off: negative balances are off)" : "") +
                (r.AlreadyExpired > 0 ? $" ({r.AlreadyExpired} had already expired)" : ""),
                r.TransactionId, merchantId: r.MerchantId, storeId: r.StoreId, terminalId: r.TerminalId)),
            RedemptionAuthorized h => [Entry(LedgerEntryType.Hold, "redemption",
                $"{h.Points} points held for redemption until {h.ExpiresAt:O}",
                holdId: h.HoldId, merchantId: h.MerchantId, storeId: h.StoreId, terminalId: h.TerminalId)],
            RedemptionCaptured c => [Entry(LedgerEntryType.Capture, "redemption",
                $"{c.Points} points redeemed", holdId: c.HoldId, merchantId: c.MerchantId)],
            RedemptionReleased r => [Entry(LedgerEntryType.Release, r.Reason == HoldReleaseReason.Expired ? "hold-expiry" : "void",
                r.Reason == HoldReleaseReason.Expired
                    ? $"{r.Points} held points released: the hold expired uncaptured"
                    : $"{r.Points} held points released: the redemption was voided",
                holdId: r.HoldId, merchantId: r.MerchantId)],
            PointsMatured m => [Entry(LedgerEntryType.Maturity, "pending-release",
                $"{m.Points} pending points of {m.TransactionId} became available: its return window has passed", m.TransactionId)],
            PointsExpired x when x.LotIds is [var lot] && lot.StartsWith(AdjustmentPrefix, StringComparison.Ordinal) =>
                [Entry(LedgerEntryType.Expiry, "expiry", $"{x.Points} points of adjustment {lot} expired at the date it was credited with")
                    with { AdjustmentId = lot }],
            PointsExpired x => [Entry(LedgerEntryType.Expiry, x.Policy == Programs.ExpiryKind.Inactivity ? "expiry-inactivity" : "expiry",
                x.Policy == Programs.ExpiryKind.Inactivity
                    ? $"{x.Points} points expired after a period without purchases or redemptions"
                    : $"{x.Points} points expired: earned more than the program's expiry period ago")],
            PointsReinstated r => [Entry(LedgerEntryType.Reinstatement, "reinstatement",
                $"{r.Points} expired points reinstated by {r.Actor}: {r.Reason}") with { Actor = r.Actor }],
            PointsAdjusted a => [Entry(LedgerEntryType.Adjustment, "adjustment",
                (a.Points > 0 ? $"{a.Points} points credited" : $"{-a.Points} points debited") + $" by {a.Actor} ({Name(a.Reason)}): {a.Note}" +
                (a.ExpiresAt is { } expires ? $"; they expire at {expires:O}" : ""))
                with { Actor = a.Actor, AdjustmentReason = a.Reason, Note = a.Note, AdjustmentId = a.AdjustmentId }],
            EarningCancelled c => [Entry(LedgerEntryType.Adjustment, "cancellation",
                $"{c.Points} points of {c.TransactionId ?? c.AdjustmentId} cancelled by {c.Actor} ({Name(c.Reason)}): {c.Note}", c.TransactionId)
                with { Actor = c.Actor, AdjustmentReason = c.Reason, Note = c.Note, AdjustmentId = c.AdjustmentId }],
            PointsTransferredOut t => [Entry(LedgerEntryType.Transfer, "transfer-out",
                $"{t.Points} points transferred to member {t.ToMemberId}" + (t.Note is { } sentNote ? $": {sentNote}" : ""))
                with { TransferId = t.TransferId, CounterpartMemberId = t.ToMemberId, Note = t.Note }],
            PointsTransferredIn t => [Entry(LedgerEntryType.Transfer, "transfer-in",
                $"{t.Points} points received from member {t.FromMemberId}" + (t.Note is { } receivedNote ? $": {receivedNote}" : ""))
                with { TransferId = t.TransferId, CounterpartMemberId = t.FromMemberId, Note = t.Note }],
            TransferSettled { Refunded: true } t => [Entry(LedgerEntryType.Transfer, "transfer-refund",
                $"{t.Points} points of transfer {t.TransferId} given back: the receiver could not take them") with { TransferId = t.TransferId }],
            MemberImported i => [Entry(LedgerEntryType.OpeningBalance, MemberImported.Rule,
                $"Opening balance of {i.OpeningPoints} points imported" + (i.OpeningReason is { } reason ? $": {reason}" : "") +
                (i.TierId is { } tier ? $" (tier {tier})" : ""))],
            BirthdayBonusAwarded b when b.Points != 0 => [Entry(LedgerEntryType.Bonus, BirthdayBonusAwarded.Rule,
                $"Birthday bonus {b.Year}: {b.Points} points")],
            EventRecorded r => [Entry(LedgerEntryType.Event, EventRecorded.RulePrefix + r.EventType,
                $"Event {r.EventType}" + (r.Reference is { } reference ? $" ({reference})" : "") + $": {r.Points} points, recorded by {r.Actor}" +
                (r.PeriodStart is null ? " (once only)" : $" ({r.CountInPeriod} in the period from {r.PeriodStart:O})"))
                with { Actor = r.Actor, Note = r.Reference, EventId = r.EventId }],
            EnrolmentBonusAwarded b when b.Points != 0 => [Entry(LedgerEntryType.Bonus, EnrolmentBonusAwarded.Rule,
                $"Enrolment bonus: {b.Points} points")],
            ConsentBonusAwarded b when b.Points != 0 => [Entry(LedgerEntryType.Bonus, ConsentBonusAwarded.Rule,
                $"Marketing consent bonus: {b.Points} points")],
            FeedbackRewardCredited f => [Entry(LedgerEntryType.FeedbackReward, CreditFeedbackReward.Rule,
                $"{f.Points} points for feedback {f.FeedbackId}", f.TransactionId, merchantId: f.MerchantId, storeId: f.StoreId)],
            OfferBonusCredited o => [Entry(LedgerEntryType.OfferBonus, CreditOfferBonus.Rule,
                $"{o.Points} points for accepting offer {o.OfferId}" + (o.Acceptance > 1 ? $" (acceptance {o.Acceptance})" : ""))],
            RewardRedeemed r => [Entry(LedgerEntryType.RewardRedemption, RedeemRewardPoints.Rule,
                $"{r.Points} points for reward {r.RewardId} (code {r.Code})", merchantId: r.PartnerId)],
            RewardRedemptionRefunded r => [Entry(LedgerEntryType.RewardRefund, RefundRewardPoints.Rule,
                $"{r.Points} points back: reward code {r.Code} of reward {r.RewardId} cancelled")],
            TierChanged t => [Entry(LedgerEntryType.TierChange, "tier", t.Reason switch
            {
                TierChangeReason.Upgrade => $"Tier upgraded from {t.FromTierId ?? "none"} to {t.ToTierId} (metric {t.Metric})",
                TierChangeReason.Retained => $"Tier {t.ToTierId} kept at review (metric {t.Metric})",
                TierChangeReason.AssignmentEnded => $"Tier assignment of {t.FromTierId} ended: tier {t.ToTierId ?? "none"} by the metric (metric {t.Metric})",
                TierChangeReason.FellBelow => $"Tier lowered from {t.FromTierId} to {t.ToTierId ?? "none"}: the metric fell below its threshold (metric {t.Metric})",
                _ => $"Tier lowered from {t.FromTierId} to {t.ToTierId ?? "none"} at review (metric {t.Metric})",
            })],
            ReferralOutcomeDelivered { RefereePoints: > 0 } r => [Entry(LedgerEntryType.Referral, ReferralClosed.Rule,
                $"Referral bonus: {r.RefereePoints} points for joining with a member's code (referral {r.ReferralId})")],
            ReferralSettled { Points: > 0 } r => [Entry(LedgerEntryType.Referral, ReferralClosed.Rule,
                $"Referral reward: {r.Points} points for referring member {r.RefereeMemberId} (referral {r.ReferralId})")],
            TierAssigned a => [Entry(LedgerEntryType.TierChange, TierAssigned.Rule,
                $"Tier {a.TierId} assigned by {a.Actor}" + (a.FromTierId is { } was && was != a.TierId ? $" (was {was})" : "") +
                (a.EndsAt is { } ends ? $" until {ends:O}" : " without an end") + $": {a.Note}")
                with { Actor = a.Actor, Note = a.Note }],
            _ => [],
        };
    }

    /// <summary>Adjustment ids (and so their lots' ids) start with this.</summary>
    public const string AdjustmentPrefix = "adj_";

    private static string Name(AdjustmentReason reason) => reason.ToString().ToLowerInvariant();

    /// <summary>One line per component that earned, each naming its rule and promotion.</summary>
    private static IReadOnlyList<LedgerEntry> Purchase(PurchaseRecorded p, LedgerEntry whole)
    {
        var earning = p.Components.Where(c => c.Points != 0).ToArray();
        if (earning.Length == 0)
        {
            return [whole];
        }
        var pending = p.PendingUntil is not null;
        return earning.Select(c => whole with
        {
            Points = c.Points,
            AvailableDelta = pending ? 0 : c.Points,
            PendingDelta = pending ? c.Points : 0,
            Rule = c.Rule,
            PromotionId = c.PromotionId,
            // A purchase earning by one rule reads as one line; with several, each line says what its rule gave.
            Description = earning.Length == 1 ? whole.Description : c.Description,
        }).ToArray();
    }

    /// <summary>One line per component reversed (pending points first), and one for any write-off and any already expired part.</summary>
    private static IReadOnlyList<LedgerEntry> Return(ReturnRecorded r, LedgerEntry whole)
    {
        if (r.Reversed.Count == 0)
        {
            return [whole];
        }
        var lines = new List<LedgerEntry>();
        var pendingLeft = r.PendingCancelled;
        foreach (var c in r.Reversed)
        {
            var fromPending = Math.Min(pendingLeft, c.Points);
            pendingLeft -= fromPending;
            lines.Add(whole with
            {
                Points = -c.Points,
                AvailableDelta = -(c.Points - fromPending),
                PendingDelta = -fromPending,
                Rule = c.Rule,
                PromotionId = c.PromotionId,
                Description = r.Reversed.Count == 1 && r.WrittenOff == 0 && r.AlreadyExpired == 0 ? whole.Description : $"Return from {r.TransactionId}: {c.Description}",
            });
        }
        if (r.WrittenOff > 0)
        {
            lines.Add(whole with
            {
                Points = r.WrittenOff,
                AvailableDelta = r.WrittenOff,
                PendingDelta = 0,
                Rule = "write-off",
                Description = $"{r.WrittenOff} points not taken back: negative balances are off in this program",
            });
        }
        if (r.AlreadyExpired > 0)
        {
            lines.Add(whole with
            {
                Points = r.AlreadyExpired,
                AvailableDelta = r.AlreadyExpired,
                PendingDelta = 0,
                Rule = "already-expired",
                Description = $"{r.AlreadyExpired} points not taken back: they had already expired",
            });
        }
        return lines;
    }

    private static string Money(long minor, string currency)
    {
        var digits = Currencies.MinorDigits(currency);
        var perMajor = Currencies.MinorPerMajor(currency);
        var major = Math.DivRem(Math.Abs(minor), perMajor, out var rest);
        var sign = minor < 0 ? "-" : "";
        return digits == 0
            ? $"{sign}{major} {currency}"
            : $"{sign}{major}.{rest.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0')} {currency}";
    }
}
