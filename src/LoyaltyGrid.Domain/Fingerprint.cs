using System.Security.Cryptography;
using System.Text.Json;
using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain;

/// <summary>
/// A short digest of a request's whole content. Two requests with one request_id are the same request
/// only if their fingerprints match; otherwise the second is refused with ALREADY_EXISTS.
/// Member commands are digested from an explicit, hand-written list of their fields (version 2, "2:" prefix), so
/// renaming a C# property changes no fingerprint. Fingerprints recorded before that (no prefix) were digests of the
/// command's C# JSON; <see cref="Matches"/> recomputes those the old way, so a retry of a request made before the
/// upgrade is still recognised.
/// </summary>
public static class Fingerprint
{
    private const string V2 = "2:";

    /// <summary>Digest of the request's kind and every field: a void never passes for a capture of the same hold.</summary>
    public static string Of(object request) => request switch
    {
        IMemberCommand command => V2 + Canonical(command),
        Profiles.IProfileCommand command => V2 + Canonical(command),
        // Program commands (and their many rule kinds) are still digested from their C# shape, like their events,
        // which are still stored as JSON; they move to an explicit encoding together.
        _ => Legacy(request),
    };

    /// <summary>
    /// Whether <paramref name="recorded"/> (from the journal) is the fingerprint of <paramref name="request"/>, whose
    /// current fingerprint is <paramref name="current"/>: compared as it was computed when it was recorded.
    /// </summary>
    public static bool Matches(string recorded, object request, string current) =>
        recorded.StartsWith(V2, StringComparison.Ordinal) || current == recorded
            ? recorded == current
            : recorded == Legacy(request);

    /// <summary>
    /// How fingerprints were computed up to main 0384d1b: SHA-256 of the type's full name and its default JSON. Only
    /// for requests recorded then, which a retry can reach until they pass retention; it depends on the C# shapes of
    /// that release, so do not rename the command types or their properties while such requests can still be retried.
    /// </summary>
    public static string Legacy(object request)
    {
        var kind = System.Text.Encoding.UTF8.GetBytes(request.GetType().FullName + "\n");
        var content = JsonSerializer.SerializeToUtf8Bytes(request, request.GetType());
        Span<byte> hash = stackalloc byte[32];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(kind);
        sha.AppendData(content);
        sha.GetHashAndReset(hash);
        return Convert.ToBase64String(hash[..16]);
    }

    private static string Canonical(IMemberCommand command)
    {
        var w = new CanonicalWriter();
        switch (command)
        {
            case EnrollMember c:
                w.Kind("enroll_member").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.CardAlias);
                break;
            case RecordPurchase c:
                w.Kind("record_purchase").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.MerchantId).Text(c.StoreId)
                    .Text(c.TerminalId).Text(c.Currency).Count(c.Lines.Count);
                foreach (var line in c.Lines)
                {
                    w.Text(line.Sku).Text(line.Category).Number(line.Quantity).Number(line.UnitPriceMinor);
                }
                // No coupons and no benefits are one request whether the lists were left out or sent empty.
                w.Time(c.OccurredAt).Texts(c.Coupons).Texts(c.AppliedBenefits);
                break;
            case RecordReturn c:
                w.Kind("record_return").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.TransactionId).Count(c.Lines.Count);
                foreach (var line in c.Lines)
                {
                    w.Text(line.Sku).Number(line.Quantity);
                }
                w.Text(c.MerchantId).Text(c.StoreId).Text(c.TerminalId).Time(c.OccurredAt);
                break;
            case AuthorizeRedemption c:
                w.Kind("authorize_redemption").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Number(c.Points)
                    .Text(c.MerchantId).Text(c.StoreId).Text(c.TerminalId);
                break;
            case CaptureRedemption c:
                w.Kind("capture_redemption").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.HoldId).Text(c.MerchantId);
                if (c.StoreId is { } store)
                {
                    w.Text(store); // only when sent, so captures without a store keep their fingerprint
                }
                break;
            case VoidRedemption c:
                w.Kind("void_redemption").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.HoldId).Text(c.MerchantId);
                if (c.StoreId is { } voidStore)
                {
                    w.Text(voidStore); // only when sent, so voids without a store keep their fingerprint
                }
                break;
            case ReinstateMemberPoints c:
                w.Kind("reinstate_member_points").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.Actor)
                    .Time(c.ExpiredFrom).Time(c.ExpiredUntil).Text(c.Reason);
                break;
            default:
                throw new ArgumentException($"{command.GetType().Name} has no canonical fingerprint; add its fields here.", nameof(command));
        }
        return w.Digest();
    }

    private static string Canonical(Profiles.IProfileCommand command)
    {
        var w = new CanonicalWriter();
        switch (command)
        {
            case Profiles.UpdateProfile c:
                // null (keep) and "" (clear) are different requests.
                w.Kind("update_profile").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.Name).Text(c.Email).Text(c.Phone)
                    .Text(c.BirthDate).Text(c.PreferredLanguage).Text(c.TimeZone);
                break;
            case Profiles.SetConsent c:
                w.Kind("set_consent").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Number((long)c.Channel)
                    .Number(c.Granted ? 1 : 0).Number((long)c.Source).Time(c.OccurredAt);
                break;
            case Profiles.EraseProfile c:
                w.Kind("erase_profile").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.Actor);
                break;
            default:
                throw new ArgumentException($"{command.GetType().Name} has no canonical fingerprint; add its fields here.", nameof(command));
        }
        return w.Digest();
    }

    /// <summary>
    /// An unambiguous byte string of typed values: a tag byte, then a length-prefixed value, so no two different
    /// field lists encode alike ("ab","c" is not "a","bc"; null is not "").
    /// </summary>
    private sealed class CanonicalWriter
    {
        private readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public CanonicalWriter Kind(string kind) => Tagged(1, System.Text.Encoding.UTF8.GetBytes("loyaltygrid.fingerprint.v2/" + kind));

        public CanonicalWriter Text(string? value) =>
            value is null ? Tagged(0, []) : Tagged(2, System.Text.Encoding.UTF8.GetBytes(value));

        public CanonicalWriter Number(long value)
        {
            Span<byte> bytes = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes, value);
            return Tagged(3, bytes);
        }

        /// <summary>An instant (the offset it was written with does not matter), or null.</summary>
        public CanonicalWriter Time(DateTimeOffset? value) => value is { } at ? Number(at.UtcTicks) : Tagged(0, []);

        public CanonicalWriter Count(int count) => Number(count);

        public CanonicalWriter Texts(IReadOnlyList<string> values)
        {
            Count(values.Count);
            foreach (var value in values)
            {
                Text(value);
            }
            return this;
        }

        public string Digest()
        {
            Span<byte> hash = stackalloc byte[32];
            sha.GetHashAndReset(hash);
            sha.Dispose();
            return Convert.ToBase64String(hash[..16]);
        }

        private CanonicalWriter Tagged(byte tag, ReadOnlySpan<byte> value)
        {
            Span<byte> header = stackalloc byte[5];
            header[0] = tag;
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header[1..], value.Length);
            sha.AppendData(header);
            sha.AppendData(value);
            return this;
        }
    }
}
