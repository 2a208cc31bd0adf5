using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain.Messaging;
using LoyaltyGrid.Storage.Messaging;
using Core = LoyaltyGrid.Domain.Messaging;

namespace LoyaltyGrid.Api;

/// <summary>Messages to domain values and back; kind, outcome and channel numbers are the domain's.</summary>
public static class MessagesMapper
{
    public static V1.MessagingPolicy ToProto(this Core.MessagingPolicy p) => new()
    {
        QuietHoursStartMinute = p.QuietHoursStartMinute,
        QuietHoursEndMinute = p.QuietHoursEndMinute,
        MaxPerDay = p.MaxPerDay,
        MaxPerWeek = p.MaxPerWeek,
        RewardThresholdPoints = p.RewardThresholdPoints,
        ExpiryWarningDays = p.ExpiryWarningDays,
        TierWarningDays = p.TierWarningDays,
    };

    public static Core.MessagingPolicy ToDomain(this V1.MessagingPolicy p) =>
        new(p.QuietHoursStartMinute, p.QuietHoursEndMinute, p.MaxPerDay, p.MaxPerWeek, p.RewardThresholdPoints, p.ExpiryWarningDays)
        {
            TierWarningDays = p.TierWarningDays,
        };

    public static MemberMessage ToProto(this OutboxMessage m)
    {
        var message = new MemberMessage
        {
            ProgramId = m.ProgramId,
            Sequence = m.Sequence,
            MemberId = m.MemberId,
            Kind = (V1.MessageKind)m.Kind,
            OccurredAt = Timestamp.FromDateTimeOffset(m.OccurredAt),
            CreatedAt = Timestamp.FromDateTimeOffset(m.CreatedAt),
            SourceKey = m.SourceKey,
        };
        message.Channels.AddRange(MessageChannels.List(m.Channels).Select(c => (V1.ConsentChannel)c));
        message.Data.Add(JsonSerializer.Deserialize<Dictionary<string, string>>(m.Data) ?? []);
        return message;
    }

    public static V1.MessageCount ToProto(this Storage.Messaging.MessageCount c) =>
        new() { Kind = (V1.MessageKind)c.Kind, Outcome = (V1.MessageOutcome)c.Outcome, Count = c.Count };
}
