using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// <see cref="Settlement.Compute"/> one event at a time, for a caller that pages through the journal instead of
/// holding all of a program's events at once. Memory: one entry per purchase and hold of the current stream, one
/// per stream seen, one per partner. See <see cref="Settlement"/> for what counts and how it is rounded.
/// </summary>
public sealed class SettlementCalculator
{
    private const int PerThousand = 1000;

    private readonly ProgramRules rules;
    private readonly Coalition coalition;
    private readonly DateTimeOffset start;
    private readonly DateTimeOffset end;
    private readonly Dictionary<string, Tally> partners = new(StringComparer.Ordinal);
    private readonly Tally unattributed = new();
    private readonly HashSet<string> finishedStreams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Origin> purchases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Origin> holds = new(StringComparer.Ordinal);
    private string? stream;
    private long lastSequence;
    private Int128 outstandingBeforeStart;
    private Int128 outstandingBeforeEnd;

    public SettlementCalculator(ProgramRules rules, DateTimeOffset periodStart, DateTimeOffset periodEnd)
    {
        if (periodEnd <= periodStart)
        {
            new RequestValidator().Add("period_end", $"must be after period_start ({periodStart:O})").ThrowIfInvalid();
        }
        if (periodEnd > CoalitionLimits.LatestPeriodEnd)
        {
            new RequestValidator().Add("period_end", $"must not be after {CoalitionLimits.LatestPeriodEnd:O}").ThrowIfInvalid();
        }
        this.rules = rules;
        coalition = rules.Coalition ?? throw new LoyaltyException(LoyaltyError.Precondition("NOT_A_COALITION",
            $"program '{rules.ProgramId}' is not a coalition: it has no partners to settle with"));
        start = periodStart;
        end = periodEnd;
    }

    /// <summary>Takes the next event of the journal. Throws <see cref="ArgumentException"/> if the events are not in journal order.</summary>
    public void Add(JournaledMemberEvent journaled)
    {
        Follow(journaled.StreamId, journaled.Sequence);
        var e = journaled.Event;
        var at = e.RecordedAt;
        var inPeriod = at >= start && at < end;
        long outstandingChange = 0;
        switch (e)
        {
            case PurchaseRecorded purchase:
                {
                    var origin = OriginAt(purchase.MerchantId, When(purchase));
                    purchases[purchase.TransactionId] = origin;
                    var tally = TallyOf(origin);
                    if (inPeriod)
                    {
                        tally.Issued = checked(tally.Issued + purchase.Points);
                    }
                    Accrue(tally.IssueValue, at, purchase.Points, origin.Terms?.IssuePriceMinorPerThousandPoints);
                    outstandingChange = purchase.Points;
                    break;
                }
            case ReturnRecorded ret:
                {
                    // The points go back to whoever issued them, at the price that partner paid for them. A return of a
                    // purchase this stream does not hold cannot be attributed: the operator carries it.
                    var origin = purchases.GetValueOrDefault(ret.TransactionId) ?? Origin.None;
                    var tally = TallyOf(origin);
                    if (inPeriod)
                    {
                        tally.Reversed = checked(tally.Reversed + ret.Points);
                        tally.WrittenOff = checked(tally.WrittenOff + ret.WrittenOff);
                    }
                    Accrue(tally.CreditValue, at, ret.Points, origin.Terms?.IssuePriceMinorPerThousandPoints);
                    outstandingChange = -ret.Points;
                    break;
                }
            case RedemptionAuthorized hold:
                holds[hold.HoldId] = OriginAt(hold.MerchantId, When(hold));
                break;
            case RedemptionCaptured capture:
                {
                    var origin = holds.GetValueOrDefault(capture.HoldId) ?? Origin.None;
                    var tally = TallyOf(origin);
                    if (inPeriod)
                    {
                        tally.Redeemed = checked(tally.Redeemed + capture.Points);
                    }
                    Accrue(tally.ReimbursementValue, at, capture.Points, origin.Terms?.RedemptionReimbursementMinorPerThousandPoints);
                    outstandingChange = -capture.Points;
                    break;
                }
            case PointsExpired expired:
                if (inPeriod)
                {
                    unattributed.Expired = checked(unattributed.Expired + expired.Points);
                }
                outstandingChange = -expired.Points;
                break;
            case MemberImported imported:
                // An opening balance was issued by the system the member came from, by no partner here: the operator's,
                // like the points of a purchase at a merchant that is not a partner. It charges no one and adds to the liability.
                if (inPeriod)
                {
                    unattributed.Issued = checked(unattributed.Issued + imported.OpeningPoints);
                }
                outstandingChange = imported.OpeningPoints;
                break;
            case PointsReinstated reinstated:
                if (inPeriod)
                {
                    unattributed.Reinstated = checked(unattributed.Reinstated + reinstated.Points);
                }
                outstandingChange = reinstated.Points;
                break;
            case PointsAdjusted adjusted:
                // A manual credit or debit is the program operator's decision, not a partner's: it charges and credits no
                // one, and changes the liability (a credit as issued points, a debit as reversed ones).
                if (inPeriod && adjusted.Points > 0)
                {
                    unattributed.Issued = checked(unattributed.Issued + adjusted.Points);
                }
                else if (inPeriod)
                {
                    unattributed.Reversed = checked(unattributed.Reversed - adjusted.Points);
                }
                outstandingChange = adjusted.Points;
                break;
            case PointsTransferredOut sent:
                // A transfer moves points between members of the program, the operator's business, not a partner's: the
                // sender's points are taken back by the operator and issued to the receiver, so the two cancel in a period
                // that holds both, and a transfer in flight at the period's end is carried by neither member.
                if (inPeriod)
                {
                    unattributed.Reversed = checked(unattributed.Reversed + sent.Points);
                }
                outstandingChange = -sent.Points;
                break;
            case PointsTransferredIn received:
                if (inPeriod)
                {
                    unattributed.Issued = checked(unattributed.Issued + received.Points);
                }
                outstandingChange = received.Points;
                break;
            case TransferSettled { Refunded: true } refunded:
                if (inPeriod)
                {
                    unattributed.Issued = checked(unattributed.Issued + refunded.Points);
                }
                outstandingChange = refunded.Points;
                break;
            case EarningCancelled cancelled:
                {
                    // A purchase's cancelled points go back to the partner that issued them, like a return (it is credited
                    // what it paid for them); a cancelled adjustment is the operator's.
                    var origin = cancelled.TransactionId is { } tx ? purchases.GetValueOrDefault(tx) ?? Origin.None : Origin.None;
                    var tally = TallyOf(origin);
                    if (inPeriod)
                    {
                        tally.Reversed = checked(tally.Reversed + cancelled.Points);
                    }
                    Accrue(tally.CreditValue, at, cancelled.Points, origin.Terms?.IssuePriceMinorPerThousandPoints);
                    outstandingChange = -cancelled.Points;
                    break;
                }
        }
        // Every point a member holds is someone's: an event that moved points in a way not counted above would make
        // the figures silently wrong, so it stops the settlement instead.
        var balanceChange = e.ApplyTo(Balance.Zero).Total;
        if (balanceChange != outstandingChange)
        {
            throw new InvalidOperationException(
                $"Settlement counts {outstandingChange} points for {e.GetType().Name} (stream '{journaled.StreamId}', sequence {journaled.Sequence}) " +
                $"but the event moves {balanceChange}.");
        }
        if (at < start)
        {
            outstandingBeforeStart += outstandingChange;
        }
        if (at < end)
        {
            outstandingBeforeEnd += outstandingChange;
        }
    }

    public SettlementReport Report()
    {
        var lines = new List<SettlementLine>();
        foreach (var partner in coalition.Partners)
        {
            var tally = partners.GetValueOrDefault(partner.MerchantId);
            var line = Line(SettlementParty.Partner, partner.MerchantId, tally ?? new Tally());
            if (partner.WasPartnerDuring(start, end) || line != Line(SettlementParty.Partner, partner.MerchantId, new Tally()))
            {
                lines.Add(line);
            }
        }
        var liabilityAtStart = Liability(outstandingBeforeStart, coalition.LiabilityValueBefore(start));
        var liabilityAtEnd = Liability(outstandingBeforeEnd, coalition.LiabilityValueBefore(end));
        var liabilityChange = checked(liabilityAtEnd - liabilityAtStart);
        long partnersNet = 0;
        foreach (var line in lines)
        {
            partnersNet = checked(partnersNet + line.NetMinor);
        }
        var operatorLine = Line(SettlementParty.Operator, null, unattributed) with
        {
            LiabilityChangeMinor = liabilityChange,
            OperatorResultMinor = checked(-partnersNet - liabilityChange),
        };
        return new SettlementReport
        {
            ProgramId = rules.ProgramId,
            Currency = rules.Settings.Currency,
            OperatorName = coalition.OperatorName,
            PeriodStart = start,
            PeriodEnd = end,
            Partners = lines,
            Operator = operatorLine,
            Totals = SettlementLine.Sum([.. lines, operatorLine]),
            OutstandingPointsAtStart = checked((long)outstandingBeforeStart),
            OutstandingPointsAtEnd = checked((long)outstandingBeforeEnd),
            LiabilityMinorAtStart = liabilityAtStart,
            LiabilityMinorAtEnd = liabilityAtEnd,
        };
    }

    private static SettlementLine Line(SettlementParty party, string? merchantId, Tally tally) => new()
    {
        Party = party,
        MerchantId = merchantId,
        PointsIssued = tally.Issued,
        PointsReversed = tally.Reversed,
        PointsWrittenOff = tally.WrittenOff,
        PointsRedeemed = tally.Redeemed,
        PointsExpired = tally.Expired,
        PointsReinstated = tally.Reinstated,
        LiabilityChangePoints = checked(tally.Issued - tally.Reversed - tally.Redeemed - tally.Expired + tally.Reinstated),
        IssueChargeMinor = tally.IssueValue.Amount(),
        ReturnCreditMinor = tally.CreditValue.Amount(),
        ReimbursementMinor = tally.ReimbursementValue.Amount(),
    };

    /// <summary>⌊points × value / 1000⌋, toward −∞ (outstanding points can be negative where negative balances are allowed).</summary>
    private static long Liability(Int128 points, long valuePerThousand) => checked((long)FloorThousandths(points * valuePerThousand));

    private static Int128 FloorThousandths(Int128 value)
    {
        var quotient = value / PerThousand;
        return value % PerThousand < 0 ? quotient - 1 : quotient;
    }

    private void Accrue(Exact exact, DateTimeOffset recordedAt, long points, long? pricePerThousand)
    {
        var value = (Int128)points * (pricePerThousand ?? 0);
        if (recordedAt < start)
        {
            exact.BeforeStart += value;
        }
        if (recordedAt < end)
        {
            exact.BeforeEnd += value;
        }
    }

    /// <summary>When the business happened, for the terms it is priced on: never later than the server saw it.</summary>
    private static DateTimeOffset When(MemberEvent e) => e.OccurredAt < e.RecordedAt ? e.OccurredAt : e.RecordedAt;

    private Origin OriginAt(string merchantId, DateTimeOffset time) =>
        coalition.Partner(merchantId)?.TermsAt(time) is { } terms ? new Origin(merchantId, terms) : Origin.None;

    private Tally TallyOf(Origin origin)
    {
        if (origin.Terms is null)
        {
            return unattributed;
        }
        if (!partners.TryGetValue(origin.MerchantId, out var tally))
        {
            partners[origin.MerchantId] = tally = new Tally();
        }
        return tally;
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

    /// <summary>Where points were issued or a hold was made: the partner and its terms then; <see cref="None"/> for a non-partner.</summary>
    private sealed record Origin(string MerchantId, PartnerTerms? Terms)
    {
        public static readonly Origin None = new("", null);
    }

    /// <summary>One party's point counts in the period, and exact money values up to the period's start and end.</summary>
    private sealed class Tally
    {
        public long Issued;
        public long Reversed;
        public long WrittenOff;
        public long Redeemed;
        public long Expired;
        public long Reinstated;
        public readonly Exact IssueValue = new();
        public readonly Exact CreditValue = new();
        public readonly Exact ReimbursementValue = new();
    }

    /// <summary>
    /// The exact total value (thousandths of a minor unit) of one kind of amount over every event recorded before the
    /// period's start, and before its end; the period's amount is the difference of the two, each rounded down once.
    /// </summary>
    private sealed class Exact
    {
        public Int128 BeforeStart;
        public Int128 BeforeEnd;

        public long Amount() => checked((long)(FloorThousandths(BeforeEnd) - FloorThousandths(BeforeStart)));
    }
}
