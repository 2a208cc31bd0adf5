using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.MessageSender;

/// <summary>One message as a sender's log line: what it would send, to whom, on which channels.</summary>
public static class Show
{
    public static string Message(MemberMessage m)
    {
        var to = m.MemberId.Length == 0 ? "all members (program-wide)" : $"member {m.MemberId}";
        var channels = m.Channels.Count == 0 ? "-" : string.Join("+", m.Channels.Select(c => c.ToString().ToLowerInvariant()));
        var data = string.Join(" ", m.Data.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"));
        return $"#{m.Sequence} {Kind(m.Kind)} to {to} via {channels}: {Text(m)} [{data}]";
    }

    private static string Kind(MessageKind kind) => kind.ToString();

    /// <summary>The template a sender would fill; only the message's data, never contact details (the sender reads those from the profile).</summary>
    private static string Text(MemberMessage m)
    {
        string D(string key) => m.Data.TryGetValue(key, out var value) ? value : "?";
        return m.Kind switch
        {
            MessageKind.PointsEarned => $"You earned {D("points")} points (balance {D("available")}).",
            MessageKind.RewardAffordable => $"You have {D("available")} points: enough for a reward.",
            MessageKind.TierUpgraded => $"Welcome to {D("to_tier_id")}!",
            MessageKind.PointsExpiring => $"{D("points")} points expire on {D("expires_at")}.",
            MessageKind.Birthday => "Happy birthday!",
            MessageKind.BenefitPublished => $"New for members: {D("name")}.",
            MessageKind.FeedbackRequest => "How was your visit? Tell us.",
            MessageKind.ReferralRewarded => $"Thanks for the referral: {D("points")} points.",
            _ => m.Kind.ToString(),
        };
    }
}
