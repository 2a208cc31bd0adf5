namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The member's tier was looked at <see cref="Messaging.MessagingPolicy.TierWarningDays"/> before its review
/// (<paramref name="ReviewAt"/>): <paramref name="Metric"/> is what the tier metric will be at the review with nothing
/// more bought, <paramref name="Threshold"/> what the tier needs. Below it, the member is at risk and gets a
/// <see cref="Messaging.MessageKind.TierAtRisk"/> message. Recorded either way, once per review, so the member is not
/// woken for it again.
/// </summary>
public sealed record TierRiskChecked(string TierId, DateTimeOffset ReviewAt, long Metric, long Threshold) : MemberEvent
{
    public bool AtRisk => Metric < Threshold;

    public override Balance ApplyTo(Balance before) => before;
}
