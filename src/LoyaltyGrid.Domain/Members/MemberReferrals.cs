using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Referrals;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// Referral rules on one member: as a referrer (its code, accepting or rejecting who enrols with it, its rewards) and
/// as a referee (its first qualifying purchase, the reward once that can no longer be returned, the void if it is).
/// </summary>
public static class MemberReferrals
{
    /// <summary>Accepted referrals are kept this long for the cap (the longest period the rules allow), then dropped.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(366);

    /// <summary>The member's code if it is still valid at <paramref name="now"/>.</summary>
    public static ReferralCodeStatus? ValidCode(MemberState state, DateTimeOffset now) =>
        state.ReferralCode is { } code && (code.ExpiresAt is null || code.ExpiresAt > now) ? code : null;

    /// <summary>The event that gives the member <paramref name="code"/> (version <paramref name="version"/>), valid per the rules from now.</summary>
    public static ReferralCodeIssued Issue(ProgramRules rules, string code, int version, DateTimeOffset now) =>
        new(code, version, rules.Referral is { CodeValidDays: > 0 } r ? now.AddDays(r.CodeValidDays) : null) { OccurredAt = now, RecordedAt = now };

    /// <summary>
    /// The referrer accepts the referral or rejects it, the first reason that applies: the program has no rules, the
    /// referee is the referrer (member or card), the referee was a member already, the code is not the referrer's valid
    /// code, the referrer's cap for the period is reached.
    /// </summary>
    public static ReferralMade Decide(MemberState referrer, ProgramRules rules, RecordReferral command, string referralId, DateTimeOffset now)
    {
        var profile = referrer.Profile!;
        ReferralRejection? rejection = null;
        if (rules.Referral is not { } referral)
        {
            rejection = ReferralRejection.ReferralsOff;
        }
        else if (command.RefereeMemberId == profile.MemberId
            || command.RefereeCardAlias is { Length: > 0 } card && card == profile.CardAlias)
        {
            rejection = ReferralRejection.SelfReferral;
        }
        else if (command.RefereeWasMember)
        {
            rejection = ReferralRejection.AlreadyAMember;
        }
        else if (ValidCode(referrer, now)?.Code != command.Code)
        {
            rejection = ReferralRejection.CodeExpired;
        }
        else if (referral.MaxPerPeriod > 0 && referrer.RecentReferrals.Count(at => at > now.AddDays(-referral.PeriodDays)) >= referral.MaxPerPeriod)
        {
            rejection = ReferralRejection.CapReached;
        }
        return new ReferralMade(referralId, command.RefereeMemberId, command.Code, rejection) { OccurredAt = now, RecordedAt = now };
    }

    /// <summary>The referral a purchase makes final later: the referee's first whose qualifying spend reaches the rules' minimum.</summary>
    public static ReferralPurchaseQualified? Qualified(MemberState state, ProgramRules rules, PurchaseRecorded purchase, DateTimeOffset now)
    {
        if (state.Referral is not { TransactionId: null, Closed: false } open || rules.Referral is not { } referral
            || purchase.LineQualifyingMinor.Sum() < referral.MinPurchaseMinor)
        {
            return null;
        }
        // Final when it can no longer be returned: when its points mature (the program's pending window; already, for a
        // late upload past it), or else at the return horizon.
        var finalAt = purchase.OccurredAt + (rules.Earning.PendingPeriod > TimeSpan.Zero ? rules.Earning.PendingPeriod : rules.Settings.ReturnHorizon);
        return new ReferralPurchaseQualified(open.ReferralId, purchase.TransactionId, finalAt) { OccurredAt = now, RecordedAt = now };
    }

    /// <summary>The void of the referral if <paramref name="ret"/> took its qualifying purchase below the rules' minimum.</summary>
    public static ReferralClosed? Voided(MemberState state, ProgramRules rules, ReturnRecorded ret, DateTimeOffset now)
    {
        if (state.Referral is not { Closed: false } open || open.TransactionId != ret.TransactionId
            || (ret.KeptQualifyingMinor ?? 0) >= (rules.Referral?.MinPurchaseMinor ?? 1))
        {
            return null;
        }
        return new ReferralClosed(open.ReferralId, open.ReferrerMemberId, 0, 0, ReferralRejection.PurchaseReturned) { OccurredAt = now, RecordedAt = now };
    }

    /// <summary>The reward of a referral whose qualifying purchase has become final by <paramref name="now"/>, or null.</summary>
    public static ReferralClosed? Due(MemberState state, ProgramRules rules, DateTimeOffset now)
    {
        if (state.Referral is not { Closed: false, FinalAt: { } finalAt } open || finalAt > now)
        {
            return null;
        }
        return rules.Referral is { } referral
            ? new ReferralClosed(open.ReferralId, open.ReferrerMemberId, referral.RefereePoints, referral.ReferrerPoints, null) { OccurredAt = finalAt, RecordedAt = now }
            : new ReferralClosed(open.ReferralId, open.ReferrerMemberId, 0, 0, ReferralRejection.ReferralsOff) { OccurredAt = finalAt, RecordedAt = now };
    }

    /// <summary>What the referee owes its referrer to hear, once closed: the command to deliver (idempotent by referral).</summary>
    public static SettleReferral? Owed(MemberState state) =>
        state.Referral is { Closed: true } open && state.Profile is { } profile
            ? new SettleReferral(profile.ProgramId, open.ReferrerMemberId, open.ReferralId, profile.MemberId, open.ReferrerPoints, open.Voided)
            {
                RefereeEmailDigest = state.EmailDigest,
                RefereePhoneDigest = state.PhoneDigest,
            }
            : null;

    /// <summary>
    /// The referrer's record of the outcome: the referee's own; or a self-referral if the referee has the referrer's
    /// email or phone; or "already a member" if another member of the program has the referee's email or phone (the
    /// last fraud checks, made when the reward would be paid, as contact details come after enrolment).
    /// </summary>
    public static ReferralSettled Settle(MemberState referrer, SettleReferral command, DateTimeOffset now)
    {
        var self = command.Voided is null
            && (command.RefereeEmailDigest is { } email && email == referrer.EmailDigest || command.RefereePhoneDigest is { } phone && phone == referrer.PhoneDigest);
        var member = command.Voided is null && !self && command.OtherMembersWithContact
            .Any(m => m != command.RefereeMemberId && m != referrer.Profile?.MemberId);
        var voided = self ? ReferralRejection.SelfReferral : member ? ReferralRejection.AlreadyAMember : command.Voided;
        return new ReferralSettled(command.ReferralId, command.RefereeMemberId, voided is null ? command.Points : 0, voided) { OccurredAt = now, RecordedAt = now };
    }

    /// <summary>The referee's record of the referrer's answer: its own points unless the referral was voided.</summary>
    public static ReferralOutcomeDelivered Delivered(MemberState referee, ReferralSettled answer, DateTimeOffset now) =>
        new(answer.ReferralId, answer.Voided is null ? referee.Referral?.RefereePoints ?? 0 : 0, answer.Voided) { OccurredAt = now, RecordedAt = now };

    /// <summary>The member's contact digests as its profile tells them, or null if they are as recorded.</summary>
    public static ContactDigestsChanged? Contact(MemberState state, string? emailDigest, string? phoneDigest, DateTimeOffset now) =>
        state.EmailDigest == emailDigest && state.PhoneDigest == phoneDigest ? null
            : new ContactDigestsChanged(emailDigest, phoneDigest) { OccurredAt = now, RecordedAt = now };
}
