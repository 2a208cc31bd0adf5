using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain.Profiles;

/// <summary>
/// A member's profile now: the contact details, the latest consent per channel, and the requests remembered for
/// their retention. Bounded (three channels); the history of consents is the stream's.
/// </summary>
public sealed class ProfileState : IAppliesEvents<ProfileEvent>
{

    public long Version { get; private set; }

    public ContactDetails Contact { get; private set; } = ContactDetails.Empty;

    public Dictionary<ConsentChannel, Consent> Consents { get; } = [];

    public Dictionary<string, RequestRecord> Requests { get; } = new(StringComparer.Ordinal);

    /// <summary>When the profile last changed; null if it never did.</summary>
    public DateTimeOffset? UpdatedAt { get; private set; }

    /// <summary>How long request ids are remembered; set by the host from configuration.</summary>
    public TimeSpan RequestRetention { get; set; } = TimeSpan.FromDays(7) + Limits.MaxClockSkew;

    private DateTimeOffset? sweptAt;

    public void Apply(ProfileEvent e, long sequence)
    {
        if (sequence != Version + 1)
        {
            throw new InvalidOperationException($"Profile event {sequence} applied after {Version}: the stream has a gap.");
        }
        switch (e)
        {
            case ProfileUpdated updated:
                Contact = updated.Contact;
                break;
            case ConsentChanged consent:
                Consents[consent.Consent.Channel] = consent.Consent;
                break;
            case ProfileErased:
                Contact = ContactDetails.Empty;
                Consents.Clear();
                break;
        }
        if (e.RequestId is { } requestId && e.Fingerprint is { } fingerprint)
        {
            Requests[requestId] = new RequestRecord(fingerprint, e.RecordedAt, sequence);
        }
        UpdatedAt = e.RecordedAt;
        Version = sequence;
        Sweep(e.RecordedAt);
    }

    public RequestRecord? Remembered(string requestId, DateTimeOffset now) => RequestMemory.Remembered(Requests, requestId, now, RequestRetention);

    private void Sweep(DateTimeOffset now) => RequestMemory.Sweep(Requests, ref sweptAt, now, RequestRetention);
}
