namespace LoyaltyGrid.Domain.Programs;

/// <summary>Request to create a program. Optional settings left null take their defaults.</summary>
public sealed record CreateProgram(
    string RequestId,
    string ProgramId,
    string Name,
    string Currency,
    long PointsPerCurrencyUnit,
    TimeSpan? HoldTtl,
    bool? AllowNegativeBalance,
    TimeSpan? OfflineWindow,
    string? TimeZone = null,
    string Actor = "api",
    TimeSpan? ReturnHorizon = null) : IProgramCommand
{
    /// <summary>Null: the default. Left out of the JSON when null, so the fingerprints of creations made before it stay as they were.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public long? MaxTransferPointsPerDay { get; init; }

    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Text("name", Name, Limits.MaxNameLength, required: true)
            .Currency("currency", Currency)
            .Range("points_per_currency_unit", PointsPerCurrencyUnit, 0, Limits.MaxPointsPerCurrencyUnit);
        if (HoldTtl is { } ttl && (ttl < Limits.MinHoldTtl || ttl > Limits.MaxHoldTtl))
        {
            v.Add("hold_ttl", $"must be between {Limits.MinHoldTtl.TotalSeconds:0} seconds and {Limits.MaxHoldTtl.TotalDays:0} days");
        }
        if (OfflineWindow is { } window && (window < TimeSpan.Zero || window > Limits.MaxOfflineWindow))
        {
            v.Add("offline_window", $"must be between 0 and {Limits.MaxOfflineWindow.TotalDays:0} days");
        }
        if (ReturnHorizon is { } horizon && (horizon < (OfflineWindow ?? ProgramSettings.DefaultOfflineWindow) || horizon > Limits.MaxReturnHorizon))
        {
            v.Add("return_horizon", $"must be between the offline_window ({(OfflineWindow ?? ProgramSettings.DefaultOfflineWindow).TotalDays:0.##} days) and {Limits.MaxReturnHorizon.TotalDays:0} days");
        }
        if (MaxTransferPointsPerDay is { } transfers && (transfers < 0 || transfers > Limits.MaxAdjustmentPoints))
        {
            v.Add("max_transfer_points_per_day", $"must be between 0 (no transfers) and {Limits.MaxAdjustmentPoints}, got {transfers}");
        }
        if (TimeZone is { Length: > 0 } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            v.Add("time_zone", $"'{zone}' is not a known IANA time zone (e.g. Europe/Berlin)");
        }
        v.ThrowIfInvalid();
    }

    public ProgramSettings ToSettings(DateTimeOffset now) => new()
    {
        ProgramId = ProgramId,
        Name = Name,
        Currency = Currency,
        PointsPerCurrencyUnit = PointsPerCurrencyUnit,
        HoldTtl = HoldTtl ?? ProgramSettings.DefaultHoldTtl,
        AllowNegativeBalance = AllowNegativeBalance ?? true,
        OfflineWindow = OfflineWindow ?? ProgramSettings.DefaultOfflineWindow,
        TimeZone = string.IsNullOrEmpty(TimeZone) ? "UTC" : TimeZone,
        ReturnHorizon = ReturnHorizon ?? ProgramSettings.DefaultReturnHorizon,
        CreatedAt = now,
        MaxTransferPointsPerDay = MaxTransferPointsPerDay ?? ProgramSettings.DefaultMaxTransferPointsPerDay,
    };
}
