using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Storage.Formats;

/// <summary>Journal events decoded once per instance (<see cref="JournalEvent.Decode{T}"/>), for the projections that share a feed read.</summary>
public static class JournalEventDecoding
{
    private static readonly Func<byte[], MemberEvent> DecodeMember = payload => MemberEventCodec.Instance.Decode(payload);

    /// <summary>The member event in <paramref name="journaled"/>'s payload (a member stream's, or a purchase history stream's).</summary>
    public static MemberEvent MemberEvent(this JournalEvent journaled) => journaled.Decode(DecodeMember);
}
