using LoyaltyGrid.Domain.Messaging;

namespace LoyaltyGrid.Domain.Programs;

/// <summary>Replaces a program's messaging policy (Messages.SetMessagingPolicy): quiet hours, caps, reward threshold, expiry warnings.</summary>
public sealed record SetMessagingPolicy(string RequestId, string ProgramId, string Actor, MessagingPolicy Policy) : IProgramCommand
{
    public void Validate() => new RequestValidator().RequestId("request_id", RequestId).Id("program_id", ProgramId)
        .Range("messaging_policy.quiet_hours_start_minute", Policy.QuietHoursStartMinute, 0, 1439)
        .Range("messaging_policy.quiet_hours_end_minute", Policy.QuietHoursEndMinute, 0, 1439)
        .Range("messaging_policy.max_per_day", Policy.MaxPerDay, 0, 100)
        .Range("messaging_policy.max_per_week", Policy.MaxPerWeek, 0, 700)
        .Range("messaging_policy.reward_threshold_points", Policy.RewardThresholdPoints, 0, Limits.MaxThreshold)
        .Range("messaging_policy.expiry_warning_days", Policy.ExpiryWarningDays, 0, Members.MemberOverview.ExpiringWindowDays)
        .Range("messaging_policy.tier_warning_days", Policy.TierWarningDays, 0, MessagingPolicy.MaxTierWarningDays)
        .ThrowIfInvalid();
}
