using LoyaltyGrid.Domain.CustomerFeedback;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using LoyaltyGrid.Storage.Insights;

namespace LoyaltyGrid.Grains.Insights;

/// <summary>
/// Turns a run of journal events into what they add to the insights tables (<see cref="InsightsBatch"/>), merged per
/// row. Pure: it keeps nothing between runs, because every change is an increment (or a first/last time, or a tier
/// stamped with its stream sequence) that the store adds to what it has. Events are decoded through the stored format,
/// so legacy rows count like new ones. Days are UTC calendar days of when a thing happened (occurred_at).
/// </summary>
public static class InsightsProjector
{
    /// <summary>The batch of <paramref name="events"/> with no program a coalition (<see cref="SettlementScope.None"/>).</summary>
    public static InsightsBatch Project(JournalPosition from, IReadOnlyList<JournalEvent> events) =>
        Project(from, events, Decode(events), SettlementScope.None);

    /// <summary>The member events among <paramref name="events"/> (member streams, and the history streams of imported purchases), decoded.</summary>
    public static IReadOnlyList<DecodedMemberEvent> Decode(IReadOnlyList<JournalEvent> events)
    {
        var decoded = new List<DecodedMemberEvent>(events.Count);
        foreach (var journaled in events)
        {
            if (MemberKey.FromStream(journaled.StreamId) is { } key)
            {
                var (programId, memberId) = MemberKey.Parse(key);
                decoded.Add(new DecodedMemberEvent(programId, memberId, journaled.StreamId, journaled.Sequence,
                    journaled.MemberEvent()));
            }
            else if (PurchaseHistoryKey.IsHistory(journaled.StreamId)
                && journaled.MemberEvent() is HistoricalPurchaseImported history)
            {
                decoded.Add(new DecodedMemberEvent(history.ProgramId, history.MemberId, journaled.StreamId, journaled.Sequence, history));
            }
        }
        return decoded;
    }

    /// <param name="from">The checkpoint <paramref name="events"/> were read after.</param>
    /// <param name="events">The feed's events, in feed order (for the new checkpoint and the count).</param>
    /// <param name="decoded">Their member events (<see cref="Decode"/>).</param>
    /// <param name="settlement">The coalitions among their programs and the origins their returns and captures need.</param>
    public static InsightsBatch Project(
        JournalPosition from, IReadOnlyList<JournalEvent> events, IReadOnlyList<DecodedMemberEvent> decoded, SettlementScope settlement)
    {
        ArgumentOutOfRangeException.ThrowIfZero(events.Count);
        var tally = new Tally();
        var settling = new SettlementProjector(settlement);
        var referrals = new ReferralsProjector();
        foreach (var d in decoded)
        {
            tally.Add(d.ProgramId, d.MemberId, d.Sequence, d.Event);
            referrals.Add(d);
            if (d.Event is not HistoricalPurchaseImported)
            {
                settling.Add(d);
            }
        }
        // Feedback has streams of its own, apart from the points ledger.
        foreach (var journaled in events)
        {
            if (FeedbackKey.FromStream(journaled.StreamId) is { } feedbackKey)
            {
                var (programId, memberId) = MemberKey.Parse(feedbackKey);
                tally.Feedback(programId, memberId, FeedbackEventCodec.Instance.Decode(journaled.Payload));
            }
        }
        return referrals.AddTo(settling.AddTo(new InsightsBatch(from, events[^1].Position, events.Count,
            [.. tally.Members.Values], [.. tally.MemberDays.Values], [.. tally.Daily.Values],
            [.. tally.MemberStoreDays])
        {
            Staff = [.. tally.Staff.Select(s => new StaffDayChange(s.Key.Item1, s.Key.Item2, s.Key.Item3, s.Key.Item4, s.Key.Item5, s.Value))],
            Feedback = tally.FeedbackRows,
            SegmentMembers = [.. tally.SegmentMembers.Values],
        }));
    }

    private static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    /// <summary>Times are kept to the millisecond, which every backend stores exactly.</summary>
    private static DateTimeOffset ToMillisecond(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    private sealed class Tally
    {
        public Dictionary<(string, string), MemberFactsChange> Members { get; } = [];

        public Dictionary<(string, string, DateOnly), MemberDayChange> MemberDays { get; } = [];

        public Dictionary<(string, DateOnly, string, string), DailyChange> Daily { get; } = [];

        public HashSet<MemberStoreDayChange> MemberStoreDays { get; } = [];

        /// <summary>Enrolments per program, day, merchant, store and terminal.</summary>
        public Dictionary<(string, DateOnly, string, string, string), long> Staff { get; } = [];
        public List<FeedbackRow> FeedbackRows { get; } = [];

        /// <summary>Per program, segment and member: in or out, as the member's last event of the run left it.</summary>
        public Dictionary<(string, string, string), SegmentMemberChange> SegmentMembers { get; } = [];

        /// <summary>A feedback is one row of its own, by when it was recorded; its reward is counted from the member's journal.</summary>
        public void Feedback(string programId, string memberId, FeedbackSubmitted e) =>
            FeedbackRows.Add(new FeedbackRow(programId, e.FeedbackId, memberId, e.TransactionId, e.MerchantId, e.StoreId, e.TerminalId ?? "",
                e.Nps, e.Csat, e.Comment, (int)e.Channel, e.RewardPoints, ToMillisecond(e.RecordedAt)));

        public void Add(string programId, string memberId, long sequence, MemberEvent e)
        {
            var day = DayOf(e.OccurredAt);
            var at = ToMillisecond(e.OccurredAt);
            switch (e)
            {
                case MemberEnrolled enrolled:
                    Member(programId, memberId, m => m with { EnrolledAt = m.EnrolledAt ?? at });
                    Day(programId, day, "", "", d => d with { Enrolments = d.Enrolments + 1 });
                    var till = (programId, day, enrolled.MerchantId ?? "", enrolled.StoreId ?? "", enrolled.TerminalId ?? "");
                    Staff[till] = Staff.GetValueOrDefault(till) + 1;
                    break;
                case MemberImported imported:
                    Member(programId, memberId, m => m with
                    {
                        EnrolledAt = m.EnrolledAt ?? at,
                        PointsEarned = m.PointsEarned + imported.OpeningPoints,
                        TierId = imported.TierId,
                        TierSequence = sequence,
                    });
                    Day(programId, day, "", "", d => d with { Enrolments = d.Enrolments + 1, PointsEarned = d.PointsEarned + imported.OpeningPoints });
                    break;
                case PurchaseRecorded purchase:
                    Purchase(programId, memberId, at, purchase.MerchantId, purchase.StoreId,
                        purchase.TotalMinor - purchase.DiscountMinor, purchase.Points, imported: false);
                    break;
                case ReturnRecorded ret:
                    Member(programId, memberId, m => m with
                    {
                        Returns = m.Returns + 1,
                        ReturnedMinor = m.ReturnedMinor + ret.RefundMinor,
                        PointsReversed = m.PointsReversed + ret.Points,
                    });
                    Day(programId, day, ret.MerchantId ?? "", ret.StoreId ?? "", d => d with
                    {
                        Returns = d.Returns + 1,
                        ReturnedMinor = d.ReturnedMinor + ret.RefundMinor,
                        PointsReversed = d.PointsReversed + ret.Points,
                    });
                    break;
                case RedemptionCaptured capture:
                    Member(programId, memberId, m => m with { PointsRedeemed = m.PointsRedeemed + capture.Points });
                    Day(programId, day, capture.MerchantId ?? "", "", d => d with { PointsRedeemed = d.PointsRedeemed + capture.Points });
                    break;
                case PointsExpired expired:
                    Member(programId, memberId, m => m with { PointsExpired = m.PointsExpired + expired.Points });
                    Day(programId, day, "", "", d => d with { PointsExpired = d.PointsExpired + expired.Points });
                    break;
                case PointsReinstated reinstated:
                    Member(programId, memberId, m => m with { PointsEarned = m.PointsEarned + reinstated.Points });
                    Day(programId, day, "", "", d => d with { PointsEarned = d.PointsEarned + reinstated.Points });
                    break;
                case HistoricalPurchaseImported history:
                    Purchase(programId, memberId, at, history.MerchantId ?? "", history.StoreId ?? "", history.AmountMinor, 0, imported: true);
                    break;
                case TierChanged tier:
                    Member(programId, memberId, m => m with { TierId = tier.ToTierId, TierSequence = sequence });
                    break;
                case TierAssigned assigned:
                    Member(programId, memberId, m => m with { TierId = assigned.TierId, TierSequence = sequence });
                    break;
                // Points given outside a purchase are earned; points an admin takes away are reversed, like a return's.
                // Transfers move points between members and leave the program's totals as they are, so they are not
                // counted (a member's own figures leave them out).
                case BirthdayBonusAwarded bonus when bonus.Points > 0:
                    Earned(programId, memberId, day, bonus.Points);
                    break;
                case EventRecorded recorded:
                    Earned(programId, memberId, day, recorded.Points);
                    break;
                case EnrolmentBonusAwarded enrolment when enrolment.Points > 0:
                    Earned(programId, memberId, day, enrolment.Points);
                    break;
                case ConsentBonusAwarded consent when consent.Points > 0:
                    Earned(programId, memberId, day, consent.Points);
                    break;
                case FeedbackRewardCredited reward:
                    Earned(programId, memberId, day, reward.Points);
                    break;
                case OfferBonusCredited offer:
                    Earned(programId, memberId, day, offer.Points);
                    break;
                // Referral rewards: the referrer's when it settles, the referee's when the referrer answered.
                case ReferralSettled settled when settled.Points > 0:
                    Earned(programId, memberId, day, settled.Points);
                    break;
                case ReferralOutcomeDelivered delivered when delivered.RefereePoints > 0:
                    Earned(programId, memberId, day, delivered.RefereePoints);
                    break;
                case PointsAdjusted adjusted when adjusted.Points > 0:
                    Earned(programId, memberId, day, adjusted.Points);
                    break;
                case PointsAdjusted adjusted when adjusted.Points < 0:
                    Reversed(programId, memberId, day, -adjusted.Points);
                    break;
                case EarningCancelled cancelled:
                    Reversed(programId, memberId, day, cancelled.Points);
                    break;
                // A reward's points are redeemed like a capture's, in the program's own row (not a partner's: they
                // were not spent at a till, so they do not enter a partner's settlement figures); a cancelled code's
                // refund undoes that redemption.
                case RewardRedeemed reward:
                    Member(programId, memberId, m => m with { PointsRedeemed = m.PointsRedeemed + reward.Points });
                    Day(programId, day, "", "", d => d with { PointsRedeemed = d.PointsRedeemed + reward.Points });
                    break;
                case SegmentsChanged segments:
                    foreach (var id in segments.Left)
                    {
                        SegmentMembers[(programId, id, memberId)] = new SegmentMemberChange(programId, id, memberId, In: false);
                    }
                    foreach (var id in segments.Entered)
                    {
                        SegmentMembers[(programId, id, memberId)] = new SegmentMemberChange(programId, id, memberId, In: true);
                    }
                    break;
                case RewardRedemptionRefunded refund:
                    Member(programId, memberId, m => m with { PointsRedeemed = m.PointsRedeemed - refund.Points });
                    Day(programId, day, "", "", d => d with { PointsRedeemed = d.PointsRedeemed - refund.Points });
                    break;
            }
        }

        private void Earned(string programId, string memberId, DateOnly day, long points)
        {
            Member(programId, memberId, m => m with { PointsEarned = m.PointsEarned + points });
            Day(programId, day, "", "", d => d with { PointsEarned = d.PointsEarned + points });
        }

        private void Reversed(string programId, string memberId, DateOnly day, long points)
        {
            Member(programId, memberId, m => m with { PointsReversed = m.PointsReversed + points });
            Day(programId, day, "", "", d => d with { PointsReversed = d.PointsReversed + points });
        }

        private void Purchase(string programId, string memberId, DateTimeOffset at, string merchantId, string storeId, long spendMinor, long points, bool imported)
        {
            var day = DayOf(at);
            var importedCount = imported ? 1 : 0;
            Member(programId, memberId, m => m with
            {
                FirstPurchaseAt = m.FirstPurchaseAt is { } first && first <= at ? first : at,
                LastPurchaseAt = m.LastPurchaseAt is { } last && last >= at ? last : at,
                Purchases = m.Purchases + 1,
                ImportedPurchases = m.ImportedPurchases + importedCount,
                SpendMinor = m.SpendMinor + spendMinor,
                PointsEarned = m.PointsEarned + points,
            });
            var dayKey = (programId, memberId, day);
            var memberDay = MemberDays.GetValueOrDefault(dayKey) ?? new MemberDayChange(programId, memberId, day, 0, 0);
            MemberDays[dayKey] = memberDay with { Purchases = memberDay.Purchases + 1, SpendMinor = memberDay.SpendMinor + spendMinor };
            MemberStoreDays.Add(new MemberStoreDayChange(programId, merchantId, storeId, memberId, day));
            Day(programId, day, merchantId, storeId, d => d with
            {
                Purchases = d.Purchases + 1,
                ImportedPurchases = d.ImportedPurchases + importedCount,
                SpendMinor = d.SpendMinor + spendMinor,
                PointsEarned = d.PointsEarned + points,
            });
        }

        private void Member(string programId, string memberId, Func<MemberFactsChange, MemberFactsChange> change)
        {
            var key = (programId, memberId);
            Members[key] = change(Members.GetValueOrDefault(key) ?? new MemberFactsChange(programId, memberId));
        }

        private void Day(string programId, DateOnly day, string merchantId, string storeId, Func<DailyChange, DailyChange> change)
        {
            var key = (programId, day, merchantId, storeId);
            Daily[key] = change(Daily.GetValueOrDefault(key) ?? new DailyChange(programId, day, merchantId, storeId));
        }
    }
}
