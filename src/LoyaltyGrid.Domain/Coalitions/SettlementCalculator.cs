using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// <see cref="Settlement.Compute"/> one event at a time, for a caller that pages through the journal instead of
/// holding all of a program's events at once. Memory: one entry per purchase and hold of the current stream, one
/// per stream seen, one per party. See <see cref="Settlement"/> for what counts and how it is rounded; the rules of
/// each event are <see cref="SettlementAttribution"/>'s, and <see cref="Report(ProgramRules, DateTimeOffset, DateTimeOffset, IReadOnlyDictionary{string, SettlementAmounts}, IReadOnlyDictionary{string, SettlementAmounts})"/>
/// turns each party's sums before the period's start and end into the report (as the insights projection does from its tables).
/// </summary>
public sealed class SettlementCalculator
{
    private const int PerThousand = 1000;

    private readonly ProgramRules rules;
    private readonly SettlementAttribution attribution;
    private readonly DateTimeOffset start;
    private readonly DateTimeOffset end;
    private readonly Dictionary<string, SettlementAmounts> beforeStart = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SettlementAmounts> beforeEnd = new(StringComparer.Ordinal);
    private readonly HashSet<string> finishedStreams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SettlementOrigin?> purchases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SettlementOrigin?> holds = new(StringComparer.Ordinal);
    private string? stream;
    private long lastSequence;

    public SettlementCalculator(ProgramRules rules, DateTimeOffset periodStart, DateTimeOffset periodEnd)
    {
        CheckPeriod(rules, periodStart, periodEnd);
        this.rules = rules;
        attribution = new SettlementAttribution(rules.Coalition);
        start = periodStart;
        end = periodEnd;
    }

    /// <summary>Takes the next event of the journal. Throws <see cref="ArgumentException"/> if the events are not in journal order.</summary>
    public void Add(JournaledMemberEvent journaled)
    {
        Follow(journaled.StreamId, journaled.Sequence);
        var e = journaled.Event;
        SettlementOrigin? origin = null;
        switch (e)
        {
            case PurchaseRecorded purchase:
                origin = purchases[purchase.TransactionId] = attribution.OriginOf(purchase);
                break;
            case RedemptionAuthorized hold:
                holds[hold.HoldId] = attribution.OriginOf(hold);
                break;
            case ReturnRecorded ret:
                origin = purchases.GetValueOrDefault(ret.TransactionId);
                break;
            case RedemptionCaptured capture:
                origin = holds.GetValueOrDefault(capture.HoldId);
                break;
            case EarningCancelled { TransactionId: { } tx }:
                origin = purchases.GetValueOrDefault(tx);
                break;
        }
        Count(SettlementAttribution.Entry(e, origin, journaled.StreamId, journaled.Sequence));
        if (SettlementAttribution.ReferralFee(e) is var (earned, owed))
        {
            Count(earned);
            Count(owed);
        }
    }

    private void Count(SettlementEntry entry)
    {
        if (entry.RecordedAt < start)
        {
            beforeStart[entry.MerchantId] = beforeStart.GetValueOrDefault(entry.MerchantId) + entry.Amounts;
        }
        if (entry.RecordedAt < end)
        {
            beforeEnd[entry.MerchantId] = beforeEnd.GetValueOrDefault(entry.MerchantId) + entry.Amounts;
        }
    }

    public SettlementReport Report() => Report(rules, start, end, beforeStart, beforeEnd);

    /// <summary>Refuses a period settlement cannot compute: one that ends before it starts, or after the latest end allowed, or of a program that is no coalition.</summary>
    public static void CheckPeriod(ProgramRules rules, DateTimeOffset periodStart, DateTimeOffset periodEnd)
    {
        if (periodEnd <= periodStart)
        {
            new RequestValidator().Add("period_end", $"must be after period_start ({periodStart:O})").ThrowIfInvalid();
        }
        if (periodEnd > CoalitionLimits.LatestPeriodEnd)
        {
            new RequestValidator().Add("period_end", $"must not be after {CoalitionLimits.LatestPeriodEnd:O}").ThrowIfInvalid();
        }
        _ = CoalitionOf(rules);
    }

    /// <summary>
    /// The settlement of [<paramref name="periodStart"/>, <paramref name="periodEnd"/>) from each party's sums over the
    /// events recorded before the period's start and before its end (key: merchant id, "" for the operator).
    /// </summary>
    public static SettlementReport Report(
        ProgramRules rules, DateTimeOffset periodStart, DateTimeOffset periodEnd,
        IReadOnlyDictionary<string, SettlementAmounts> beforeStart, IReadOnlyDictionary<string, SettlementAmounts> beforeEnd)
    {
        CheckPeriod(rules, periodStart, periodEnd);
        var coalition = CoalitionOf(rules);
        SettlementLine LineOf(SettlementParty party, string merchantId) =>
            Line(party, party == SettlementParty.Partner ? merchantId : null,
                beforeStart.GetValueOrDefault(merchantId), beforeEnd.GetValueOrDefault(merchantId));
        var lines = new List<SettlementLine>();
        foreach (var partner in coalition.Partners)
        {
            var line = LineOf(SettlementParty.Partner, partner.MerchantId);
            if (partner.WasPartnerDuring(periodStart, periodEnd) || line != Line(SettlementParty.Partner, partner.MerchantId, default, default))
            {
                lines.Add(line);
            }
        }
        var outstandingBeforeStart = beforeStart.Values.Aggregate(Int128.Zero, (sum, a) => sum + a.Outstanding);
        var outstandingBeforeEnd = beforeEnd.Values.Aggregate(Int128.Zero, (sum, a) => sum + a.Outstanding);
        var liabilityAtStart = Liability(outstandingBeforeStart, coalition.LiabilityValueBefore(periodStart));
        var liabilityAtEnd = Liability(outstandingBeforeEnd, coalition.LiabilityValueBefore(periodEnd));
        var liabilityChange = checked(liabilityAtEnd - liabilityAtStart);
        long partnersNet = 0;
        foreach (var line in lines)
        {
            partnersNet = checked(partnersNet + line.NetMinor);
        }
        // The operator's line: what no partner carries, and the liability and result of the whole coalition.
        var operatorLine = LineOf(SettlementParty.Operator, SettlementEntry.Operator) with
        {
            LiabilityChangeMinor = liabilityChange,
            OperatorResultMinor = checked(-partnersNet - liabilityChange),
        };
        return new SettlementReport
        {
            ProgramId = rules.ProgramId,
            Currency = rules.Settings.Currency,
            OperatorName = coalition.OperatorName,
            PeriodStart = periodStart,
            PeriodEnd = periodEnd,
            Partners = lines,
            Operator = operatorLine,
            Totals = SettlementLine.Sum([.. lines, operatorLine]),
            OutstandingPointsAtStart = checked((long)outstandingBeforeStart),
            OutstandingPointsAtEnd = checked((long)outstandingBeforeEnd),
            LiabilityMinorAtStart = liabilityAtStart,
            LiabilityMinorAtEnd = liabilityAtEnd,
        };
    }

    private static Coalition CoalitionOf(ProgramRules rules) => rules.Coalition ?? throw new LoyaltyException(LoyaltyError.Precondition("NOT_A_COALITION",
        $"program '{rules.ProgramId}' is not a coalition: it has no partners to settle with"));

    /// <summary>A party's line of the period: counts are what was recorded between the start and the end, amounts are each rounded once at either end.</summary>
    private static SettlementLine Line(SettlementParty party, string? merchantId, SettlementAmounts atStart, SettlementAmounts atEnd)
    {
        var issued = checked(atEnd.Issued - atStart.Issued);
        var reversed = checked(atEnd.Reversed - atStart.Reversed);
        var redeemed = checked(atEnd.Redeemed - atStart.Redeemed);
        var expired = checked(atEnd.Expired - atStart.Expired);
        var reinstated = checked(atEnd.Reinstated - atStart.Reinstated);
        return new SettlementLine
        {
            Party = party,
            MerchantId = merchantId,
            PointsIssued = issued,
            PointsReversed = reversed,
            PointsWrittenOff = checked(atEnd.WrittenOff - atStart.WrittenOff),
            PointsRedeemed = redeemed,
            PointsExpired = expired,
            PointsReinstated = reinstated,
            LiabilityChangePoints = checked(issued - reversed - redeemed - expired + reinstated),
            IssueChargeMinor = Amount(atStart.IssueValue, atEnd.IssueValue),
            ReturnCreditMinor = Amount(atStart.CreditValue, atEnd.CreditValue),
            ReimbursementMinor = Amount(atStart.ReimbursementValue, atEnd.ReimbursementValue),
            ReferralFeesEarnedMinor = checked(atEnd.ReferralFeesEarned - atStart.ReferralFeesEarned),
            ReferralFeesOwedMinor = checked(atEnd.ReferralFeesOwed - atStart.ReferralFeesOwed),
            ReferralsEarned = checked(atEnd.ReferralsEarned - atStart.ReferralsEarned),
            ReferralsOwed = checked(atEnd.ReferralsOwed - atStart.ReferralsOwed),
        };
    }

    /// <summary>⌊V(end) / 1000⌋ − ⌊V(start) / 1000⌋: the period's amount of exact running values, each rounded down once.</summary>
    private static long Amount(Int128 beforeStart, Int128 beforeEnd) => checked((long)(FloorThousandths(beforeEnd) - FloorThousandths(beforeStart)));

    /// <summary>⌊points × value / 1000⌋, toward −∞ (outstanding points can be negative where negative balances are allowed).</summary>
    private static long Liability(Int128 points, long valuePerThousand) => checked((long)FloorThousandths(points * valuePerThousand));

    private static Int128 FloorThousandths(Int128 value)
    {
        var quotient = value / PerThousand;
        return value % PerThousand < 0 ? quotient - 1 : quotient;
    }

    private void Follow(string streamId, long sequence)
    {
        if (streamId != stream)
        {
            if (stream is not null)
            {
                finishedStreams.Add(stream);
            }
            if (finishedStreams.Contains(streamId))
            {
                throw new ArgumentException($"Stream '{streamId}' came back after other streams: settlement needs each stream's events together.");
            }
            stream = streamId;
            lastSequence = 0;
            purchases.Clear();
            holds.Clear();
        }
        if (sequence <= lastSequence)
        {
            throw new ArgumentException($"Stream '{streamId}' has sequence {sequence} after {lastSequence}: settlement needs journal order.");
        }
        lastSequence = sequence;
    }
}
