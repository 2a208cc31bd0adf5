using LoyaltyGrid.Domain.Profiles;
using P = LoyaltyGrid.Storage.Formats.V1;

namespace LoyaltyGrid.Storage.Formats;

/// <summary>A member's profile stream (profile_events.proto <c>ProfileEventRecord</c>), field by field. Written only in this format.</summary>
public sealed class ProfileEventCodec : IEventCodec<ProfileEvent>
{
    public static readonly ProfileEventCodec Instance = new();

    public byte[] Encode(ProfileEvent e)
    {
        var record = new P.ProfileEventRecord { RecordedAt = UnixTicks.From(e.RecordedAt) };
        if (e.RequestId is { } requestId)
        {
            record.RequestId = requestId;
        }
        if (e.Fingerprint is { } fingerprint)
        {
            record.Fingerprint = fingerprint;
        }
        switch (e)
        {
            case ProfileUpdated x:
                var c = x.Contact;
                var updated = record.Updated = new P.ProfileUpdated();
                if (c.Name is { } name) { updated.Name = name; }
                if (c.Email is { } email) { updated.Email = email; }
                if (c.Phone is { } phone) { updated.Phone = phone; }
                if (c.BirthDate is { } birth) { updated.BirthDate = birth.DayNumber; }
                if (c.PreferredLanguage is { } language) { updated.PreferredLanguage = language; }
                if (c.TimeZone is { } zone) { updated.TimeZone = zone; }
                break;
            case ConsentChanged x:
                record.Consent = new P.ConsentChanged
                {
                    Channel = (P.StoredConsentChannel)(int)x.Consent.Channel,
                    Granted = x.Consent.Granted,
                    At = UnixTicks.From(x.Consent.At),
                    Source = (P.StoredConsentSource)(int)x.Consent.Source,
                };
                break;
            case ProfileErased x:
                record.Erased = new P.ProfileErased { Actor = x.Actor };
                break;
            default:
                throw new ArgumentException($"{e.GetType().Name} has no stored form.", nameof(e));
        }
        return ProtobufPayload.Encode(record);
    }

    public ProfileEvent Decode(ReadOnlySpan<byte> payload)
    {
        if (payload is not [PayloadHeader.Protobuf, ..])
        {
            throw PayloadHeader.Unknown(payload, nameof(ProfileEvent));
        }
        var r = P.ProfileEventRecord.Parser.ParseFrom(payload[1..]);
        ProfileEvent e = r.KindCase switch
        {
            P.ProfileEventRecord.KindOneofCase.Updated => new ProfileUpdated(new ContactDetails(
                r.Updated.HasName ? r.Updated.Name : null,
                r.Updated.HasEmail ? r.Updated.Email : null,
                r.Updated.HasPhone ? r.Updated.Phone : null,
                r.Updated.HasBirthDate ? DateOnly.FromDayNumber(r.Updated.BirthDate) : null,
                r.Updated.HasPreferredLanguage ? r.Updated.PreferredLanguage : null,
                r.Updated.HasTimeZone ? r.Updated.TimeZone : null)) { RecordedAt = default },
            P.ProfileEventRecord.KindOneofCase.Consent => new ConsentChanged(new Consent(
                Defined((ConsentChannel)(int)r.Consent.Channel), r.Consent.Granted, UnixTicks.To(r.Consent.At),
                Defined((ConsentSource)(int)r.Consent.Source))) { RecordedAt = default },
            P.ProfileEventRecord.KindOneofCase.Erased => new ProfileErased(r.Erased.Actor) { RecordedAt = default },
            _ => throw new InvalidDataException($"A profile event of kind {r.KindCase} is unknown to this release."),
        };
        return e with
        {
            RequestId = r.HasRequestId ? r.RequestId : null,
            Fingerprint = r.HasFingerprint ? r.Fingerprint : null,
            RecordedAt = UnixTicks.To(r.RecordedAt),
        };
    }

    private static T Defined<T>(T value) where T : struct, Enum =>
        Enum.IsDefined(value) ? value : throw new InvalidDataException($"{typeof(T).Name} {value} is unknown to this release.");
}
