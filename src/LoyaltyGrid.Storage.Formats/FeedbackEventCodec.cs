using LoyaltyGrid.Domain.CustomerFeedback;
using P = LoyaltyGrid.Storage.Formats.V1;

namespace LoyaltyGrid.Storage.Formats;

/// <summary>A member's feedback stream (feedback_events.proto <c>FeedbackEventRecord</c>), field by field. Written only in this format.</summary>
public sealed class FeedbackEventCodec : IEventCodec<FeedbackSubmitted>
{
    public static readonly FeedbackEventCodec Instance = new();

    public byte[] Encode(FeedbackSubmitted e)
    {
        var record = new P.FeedbackEventRecord { RecordedAt = UnixTicks.From(e.RecordedAt) };
        if (e.RequestId is { } requestId)
        {
            record.RequestId = requestId;
        }
        if (e.Fingerprint is { } fingerprint)
        {
            record.Fingerprint = fingerprint;
        }
        var s = record.Submitted = new P.FeedbackSubmitted
        {
            FeedbackId = e.FeedbackId,
            MerchantId = e.MerchantId,
            StoreId = e.StoreId,
            // The stored numbers are the C# enum's, fixed by FeedbackChannel's own declaration.
            Channel = (P.StoredFeedbackChannel)(int)e.Channel,
            RewardPoints = e.RewardPoints,
        };
        if (e.TransactionId is { } transactionId) { s.TransactionId = transactionId; }
        if (e.PurchasedAt is { } purchasedAt) { s.PurchasedAt = UnixTicks.From(purchasedAt); }
        if (e.TerminalId is { } terminalId) { s.TerminalId = terminalId; }
        if (e.Nps is { } nps) { s.Nps = nps; }
        if (e.Csat is { } csat) { s.Csat = csat; }
        if (e.Comment is { } comment) { s.Comment = comment; }
        return ProtobufPayload.Encode(record);
    }

    public FeedbackSubmitted Decode(ReadOnlySpan<byte> payload)
    {
        if (payload is not [PayloadHeader.Protobuf, ..])
        {
            throw PayloadHeader.Unknown(payload, nameof(FeedbackSubmitted));
        }
        var r = P.FeedbackEventRecord.Parser.ParseFrom(payload[1..]);
        if (r.KindCase != P.FeedbackEventRecord.KindOneofCase.Submitted)
        {
            throw new InvalidDataException($"A feedback event of kind {r.KindCase} is unknown to this release.");
        }
        var s = r.Submitted;
        var channel = (FeedbackChannel)(int)s.Channel;
        if (!Enum.IsDefined(channel))
        {
            throw new InvalidDataException($"Feedback channel {s.Channel} is unknown to this release.");
        }
        return new FeedbackSubmitted(s.FeedbackId, s.HasTransactionId ? s.TransactionId : null,
            s.HasPurchasedAt ? UnixTicks.To(s.PurchasedAt) : null, s.MerchantId, s.StoreId, s.HasTerminalId ? s.TerminalId : null,
            s.HasNps ? s.Nps : null, s.HasCsat ? s.Csat : null, s.HasComment ? s.Comment : null, channel, s.RewardPoints)
        {
            RequestId = r.HasRequestId ? r.RequestId : null,
            Fingerprint = r.HasFingerprint ? r.Fingerprint : null,
            RecordedAt = UnixTicks.To(r.RecordedAt),
        };
    }
}
