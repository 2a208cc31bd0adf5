using LoyaltyGrid.Domain.Security;
using P = LoyaltyGrid.Storage.Formats.V1;

namespace LoyaltyGrid.Storage.Formats;

/// <summary>The key directory's journal (journal_events.proto <c>ApiKeyEventRecord</c>); legacy JSON rows are read too.</summary>
public sealed class ApiKeyEventCodec : IEventCodec<ApiKeyEvent>
{
    public static readonly ApiKeyEventCodec Instance = new();

    public byte[] Encode(ApiKeyEvent e)
    {
        var record = new P.ApiKeyEventRecord { RequestId = e.RequestId, Actor = e.Actor, RecordedAt = UnixTicks.From(e.RecordedAt) };
        switch (e)
        {
            case ApiKeyIssued issued:
                record.Issued = new P.ApiKeyIssued { Key = ToProto(issued.Key) };
                break;
            case ApiKeyRevoked revoked:
                record.Revoked = new P.ApiKeyRevoked { KeyId = revoked.KeyId };
                break;
            default:
                throw new ArgumentException($"{e.GetType().Name} has no stored form.", nameof(e));
        }
        return ProtobufPayload.Encode(record);
    }

    public ApiKeyEvent Decode(ReadOnlySpan<byte> payload)
    {
        switch (payload)
        {
            case [PayloadHeader.Protobuf, ..]:
                var r = P.ApiKeyEventRecord.Parser.ParseFrom(payload[1..]);
                var recordedAt = UnixTicks.To(r.RecordedAt);
                return r.KindCase switch
                {
                    P.ApiKeyEventRecord.KindOneofCase.Issued =>
                        new ApiKeyIssued(FromProto(r.Issued.Key)) { RequestId = r.RequestId, Actor = r.Actor, RecordedAt = recordedAt },
                    P.ApiKeyEventRecord.KindOneofCase.Revoked =>
                        new ApiKeyRevoked(r.Revoked.KeyId) { RequestId = r.RequestId, Actor = r.Actor, RecordedAt = recordedAt },
                    _ => throw new InvalidDataException($"An API key event of kind {r.KindCase} is unknown to this release."),
                };
            case [PayloadHeader.LegacyJson, ..]:
                return JournalJson.Deserialize<ApiKeyEvent>(payload);
            default:
                throw PayloadHeader.Unknown(payload, nameof(ApiKeyEvent));
        }
    }

    private static P.ApiKey ToProto(ApiKey key)
    {
        var p = new P.ApiKey
        {
            KeyId = key.KeyId,
            Name = key.Name,
            Role = key.Role switch
            {
                ApiRole.Admin => P.ApiRole.Admin,
                ApiRole.ProgramAdmin => P.ApiRole.ProgramAdmin,
                ApiRole.MerchantAdmin => P.ApiRole.MerchantAdmin,
                ApiRole.Terminal => P.ApiRole.Terminal,
                _ => throw new ArgumentOutOfRangeException(nameof(key), key.Role, null),
            },
            SecretHash = key.SecretHash,
            CreatedAt = UnixTicks.From(key.CreatedAt),
            CreatedBy = key.CreatedBy,
        };
        if (key.ProgramId is { } program)
        {
            p.ProgramId = program;
        }
        if (key.MerchantId is { } merchant)
        {
            p.MerchantId = merchant;
        }
        if (key.StoreId is { } store)
        {
            p.StoreId = store;
        }
        if (key.RevokedAt is { } revokedAt)
        {
            p.RevokedAt = UnixTicks.From(revokedAt);
        }
        if (key.RevokedBy is { } revokedBy)
        {
            p.RevokedBy = revokedBy;
        }
        if (key.MaxAdjustmentPoints is { } maxAdjustment)
        {
            p.MaxAdjustmentPoints = maxAdjustment;
        }
        return p;
    }

    private static ApiKey FromProto(P.ApiKey p) => new(
        p.KeyId,
        p.Name,
        p.Role switch
        {
            P.ApiRole.Admin => ApiRole.Admin,
            P.ApiRole.ProgramAdmin => ApiRole.ProgramAdmin,
            P.ApiRole.MerchantAdmin => ApiRole.MerchantAdmin,
            P.ApiRole.Terminal => ApiRole.Terminal,
            _ => throw new InvalidDataException($"Unknown API role {p.Role}."),
        },
        p.HasProgramId ? p.ProgramId : null,
        p.HasMerchantId ? p.MerchantId : null,
        p.HasStoreId ? p.StoreId : null,
        p.SecretHash,
        UnixTicks.To(p.CreatedAt),
        p.CreatedBy)
    {
        RevokedAt = p.HasRevokedAt ? UnixTicks.To(p.RevokedAt) : null,
        RevokedBy = p.HasRevokedBy ? p.RevokedBy : null,
        MaxAdjustmentPoints = p.HasMaxAdjustmentPoints ? p.MaxAdjustmentPoints : null,
    };
}
