namespace LoyaltyGrid.Storage.Insights;

/// <summary>
/// What a run of feed events adds to the insights tables, merged per row: counters are added to the stored ones,
/// first times keep the earlier, last times the later, a tier replaces the stored one if its event is later.
/// </summary>
/// <param name="From">The checkpoint the events were read after.</param>
/// <param name="To">The position of the last event of the run: the checkpoint after it.</param>
/// <param name="Events">How many feed events the run covers (also those that change no table).</param>
public sealed record InsightsBatch(
    JournalPosition From,
    JournalPosition To,
    long Events,
    IReadOnlyList<MemberFactsChange> Members,
    IReadOnlyList<MemberDayChange> MemberDays,
    IReadOnlyList<DailyChange> Daily,
    IReadOnlyList<MemberStoreDayChange> MemberStoreDays)
{
    /// <summary>Settlement figures per program, UTC day of recording and party.</summary>
    public IReadOnlyList<SettlementDayChange> SettlementDays { get; init; } = [];

    /// <summary>Settlement figures per event, of coalition programs.</summary>
    public IReadOnlyList<SettlementEntryChange> SettlementEntries { get; init; } = [];

    /// <summary>Origins of purchases and holds at partners, for their later returns, cancellations and captures.</summary>
    public IReadOnlyList<SettlementOriginRow> SettlementOrigins { get; init; } = [];

    public IReadOnlyList<BenefitUseChange> BenefitUses { get; init; } = [];

    /// <summary>Reward redemptions and refunds of coalition programs, for settlement.</summary>
    public IReadOnlyList<RewardRedemptionChange> RewardRedemptions { get; init; } = [];

    /// <summary>Enrolments per till and day, for the staff view.</summary>
    public IReadOnlyList<StaffDayChange> Staff { get; init; } = [];
    /// <summary>Feedback recorded in the run, one new row each (Migrations/007_feedback).</summary>
    public IReadOnlyList<FeedbackRow> Feedback { get; init; } = [];

    /// <summary>Members now in or out of segments (Migrations/011_segment_members), one per member and segment.</summary>
    public IReadOnlyList<SegmentMemberChange> SegmentMembers { get; init; } = [];

    /// <summary>Referrals made in the run, with how they ended if that is in the run too (Migrations/013_insights_referrals).</summary>
    public IReadOnlyList<ReferralRow> Referrals { get; init; } = [];

    /// <summary>How referrals made in an earlier run ended, applied after <see cref="Referrals"/>.</summary>
    public IReadOnlyList<ReferralOutcomeChange> ReferralOutcomes { get; init; } = [];

    /// <summary>Members' contact digests as of the run's end, one per member and kind.</summary>
    public IReadOnlyList<ContactDigestChange> ContactDigests { get; init; } = [];
}
