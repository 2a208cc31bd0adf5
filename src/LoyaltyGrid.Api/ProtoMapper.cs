using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Grains;
using Core = LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Api;

/// <summary>Domain values to proto messages and back; field names follow the proto.</summary>
internal static class ProtoMapper
{
    public static V1.Balance ToProto(this Core.Balance b) => new()
    {
        Available = b.Available,
        Pending = b.Pending,
        Held = b.Held,
        LifetimeEarned = b.LifetimeEarned,
        LifetimeRedeemed = b.LifetimeRedeemed,
        LifetimeReversed = b.LifetimeReversed,
    };

    public static LoyaltyProgram ToProto(this ProgramSettings p) => new()
    {
        ProgramId = p.ProgramId,
        Name = p.Name,
        Currency = p.Currency,
        PointsPerCurrencyUnit = p.PointsPerCurrencyUnit,
        HoldTtl = Duration.FromTimeSpan(p.HoldTtl),
        AllowNegativeBalance = p.AllowNegativeBalance,
        OfflineWindow = Duration.FromTimeSpan(p.OfflineWindow),
        CreatedAt = Timestamp.FromDateTimeOffset(p.CreatedAt),
    };

    public static Member ToProto(this MemberView m) => new()
    {
        ProgramId = m.Profile.ProgramId,
        MemberId = m.Profile.MemberId,
        CardAlias = m.Profile.CardAlias ?? "",
        EnrolledAt = Timestamp.FromDateTimeOffset(m.Profile.EnrolledAt),
        Balance = m.Balance.ToProto(),
    };

    public static LedgerEntry ToProto(this Core.LedgerEntry e) => new()
    {
        Sequence = e.Sequence,
        Type = e.Type switch
        {
            Core.LedgerEntryType.Purchase => LedgerEntryType.Purchase,
            Core.LedgerEntryType.Return => LedgerEntryType.Return,
            Core.LedgerEntryType.Hold => LedgerEntryType.Hold,
            Core.LedgerEntryType.Capture => LedgerEntryType.Capture,
            Core.LedgerEntryType.Release => LedgerEntryType.Release,
            Core.LedgerEntryType.Adjustment => LedgerEntryType.Adjustment,
            _ => LedgerEntryType.Unspecified,
        },
        Points = e.Points,
        AvailableDelta = e.AvailableDelta,
        HeldDelta = e.HeldDelta,
        Rule = e.Rule,
        Description = e.Description,
        RequestId = e.RequestId ?? "",
        TransactionId = e.TransactionId ?? "",
        HoldId = e.HoldId ?? "",
        MerchantId = e.MerchantId ?? "",
        StoreId = e.StoreId ?? "",
        TerminalId = e.TerminalId ?? "",
        OccurredAt = Timestamp.FromDateTimeOffset(e.OccurredAt),
        RecordedAt = Timestamp.FromDateTimeOffset(e.RecordedAt),
    };

    /// <summary>A proto timestamp as a point in time; an out-of-range one is a field violation, not a crash.</summary>
    public static DateTimeOffset? ToDomain(this Timestamp? timestamp, string field)
    {
        if (timestamp is null)
        {
            return null;
        }
        try
        {
            return timestamp.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            throw Invalid(field, "is not a valid timestamp (seconds 0001-01-01 to 9999-12-31, nanos 0-999999999)");
        }
    }

    public static TimeSpan? ToDomain(this Duration? duration, string field)
    {
        if (duration is null)
        {
            return null;
        }
        try
        {
            return duration.ToTimeSpan();
        }
        catch (InvalidOperationException)
        {
            throw Invalid(field, "is not a valid duration");
        }
    }

    public static LoyaltyException Invalid(string field, string description) =>
        new(LoyaltyError.Invalid([new FieldViolation(field, description)]));
}
