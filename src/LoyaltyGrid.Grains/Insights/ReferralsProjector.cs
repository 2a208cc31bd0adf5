using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Referrals;
using LoyaltyGrid.Storage.Insights;

namespace LoyaltyGrid.Grains.Insights;

/// <summary>
/// The referral part of a batch: a referral as its referrer's journal records it (made, then how it ended, by the
/// domain's <see cref="ReferralSummary.StatusOf(ReferralMade)"/>), and each member's contact digests as its last change
/// in the batch leaves them. Pure, like <see cref="InsightsProjector"/>: what an earlier batch made is updated by id.
/// </summary>
public sealed class ReferralsProjector
{
    private readonly Dictionary<(string, string), ReferralRow> made = [];
    private readonly List<(string, string)> order = [];
    private readonly Dictionary<(string, string), ReferralOutcomeChange> outcomes = [];
    private readonly Dictionary<(string, string, string), ContactDigestChange> digests = [];

    public void Add(DecodedMemberEvent d)
    {
        switch (d.Event)
        {
            case ReferralMade m:
                var key = (d.ProgramId, m.ReferralId);
                if (made.TryAdd(key, new ReferralRow(d.ProgramId, m.ReferralId, m.Code, d.MemberId, m.RefereeMemberId,
                    (int)ReferralSummary.StatusOf(m), (int?)m.Rejection, 0, Millisecond(m.OccurredAt),
                    m.Rejection is null ? null : Millisecond(m.OccurredAt))))
                {
                    order.Add(key);
                }
                break;
            case ReferralSettled s:
                var id = (d.ProgramId, s.ReferralId);
                var status = (int)ReferralSummary.StatusOf(s);
                var at = Millisecond(s.OccurredAt);
                if (made.TryGetValue(id, out var row))
                {
                    made[id] = row with { Status = status, Rejection = (int?)s.Voided, ReferrerPoints = s.Points, SettledAt = at };
                }
                else
                {
                    outcomes[id] = new ReferralOutcomeChange(d.ProgramId, s.ReferralId, status, (int?)s.Voided, s.Points, at);
                }
                break;
            case ContactDigestsChanged c:
                digests[(d.ProgramId, d.MemberId, "email")] = new ContactDigestChange(d.ProgramId, d.MemberId, "email", c.EmailDigest);
                digests[(d.ProgramId, d.MemberId, "phone")] = new ContactDigestChange(d.ProgramId, d.MemberId, "phone", c.PhoneDigest);
                break;
        }
    }

    public InsightsBatch AddTo(InsightsBatch batch) => batch with
    {
        Referrals = [.. order.Select(k => made[k])],
        ReferralOutcomes = [.. outcomes.Values],
        ContactDigests = [.. digests.Values],
    };

    private static DateTimeOffset Millisecond(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
}
