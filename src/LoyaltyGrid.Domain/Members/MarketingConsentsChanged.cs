namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The channels the member has granted marketing consent on, as its profile told them after a consent changed (bit n-1
/// for <see cref="Profiles.ConsentChannel"/> n, as <see cref="Messaging.MessageChannels"/>), so a segment can ask for
/// consent without reading the profile. Only the set is kept here; when and how each consent was given stays in the
/// profile stream.
/// </summary>
public sealed record MarketingConsentsChanged(int Channels) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before;
}
