using LoyaltyGrid.Domain.Members;
using P = LoyaltyGrid.Storage.Formats.V1;

namespace LoyaltyGrid.Storage.Formats;

/// <summary>A card alias's journal (journal_events.proto <c>CardAliasOwnerChanged</c>); legacy JSON rows are read too.</summary>
public sealed class CardAliasEventCodec : IEventCodec<CardAliasOwnerChanged>
{
    public static readonly CardAliasEventCodec Instance = new();

    public byte[] Encode(CardAliasOwnerChanged e)
    {
        var record = new P.CardAliasOwnerChanged { At = UnixTicks.From(e.At) };
        if (e.MemberId is { } member)
        {
            record.MemberId = member;
        }
        return ProtobufPayload.Encode(record);
    }

    public CardAliasOwnerChanged Decode(ReadOnlySpan<byte> payload)
    {
        switch (payload)
        {
            case [PayloadHeader.Protobuf, ..]:
                var r = P.CardAliasOwnerChanged.Parser.ParseFrom(payload[1..]);
                return new CardAliasOwnerChanged(r.HasMemberId ? r.MemberId : null, UnixTicks.To(r.At));
            case [PayloadHeader.LegacyJson, ..]:
                return JournalJson.Deserialize<CardAliasOwnerChanged>(payload);
            default:
                throw PayloadHeader.Unknown(payload, nameof(CardAliasOwnerChanged));
        }
    }
}
