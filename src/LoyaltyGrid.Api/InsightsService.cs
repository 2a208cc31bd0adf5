using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Grains.Insights;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Insights;
using Core = LoyaltyGrid.Domain.Insights;

namespace LoyaltyGrid.Api;

/// <summary>
/// Insights calls: validate and map; the fits and forecasts are the domain's, run by the program's insights grain over
/// the projection. The projection's status and rebuild are the store's own, with no rule to apply.
/// </summary>
public sealed class InsightsService(IGrainFactory grains, IInsightsStore insights, IJournalFeed feed, TimeProvider time) : Insights.InsightsBase
{
    private const int DefaultUnitDays = 7;
    private const int MaxUnitDays = 366;
    private const int DefaultRetentionMonths = 12;
    private const int MaxCohortMonths = 120;
    private const int DefaultChurnDays = 90;
    private const int MaxChurnDays = 3660;
    private const long MaxValuePerThousand = 1_000_000_000_000;
    private static readonly TimeSpan DefaultHorizon = TimeSpan.FromDays(364);
    private static readonly TimeSpan MaxHorizon = TimeSpan.FromDays(3660);

    public override async Task<FitLifetimeValueModelResponse> FitLifetimeValueModel(FitLifetimeValueModelRequest request, ServerCallContext context)
    {
        var v = new RequestValidator().Id("program_id", request.ProgramId);
        var start = Day(v, request.CalibrationStart, "calibration_start");
        var end = Day(v, request.CalibrationEnd, "calibration_end");
        if (start is { } s && end is { } e && e <= s)
        {
            v.Add("calibration_end", $"must be after calibration_start ({s:yyyy-MM-dd})");
        }
        var unitDays = UnitDays(v, request.TimeUnit);
        v.ThrowIfInvalid();
        var fit = (await grains.GetGrain<IInsightsGrain>(request.ProgramId).Fit(start!.Value, end!.Value, unitDays)).Unwrap();
        return new FitLifetimeValueModelResponse
        {
            Bgnbd = new BgNbdParameters
            {
                R = fit.BgNbd.Model.R, Alpha = fit.BgNbd.Model.Alpha, A = fit.BgNbd.Model.A, B = fit.BgNbd.Model.B,
                LogLikelihood = fit.BgNbd.LogLikelihood,
            },
            GammaGamma = new GammaGammaParameters
            {
                P = fit.GammaGamma.Model.P, Q = fit.GammaGamma.Model.Q, Gamma = fit.GammaGamma.Model.Gamma,
                LogLikelihood = fit.GammaGamma.LogLikelihood,
            },
            Members = fit.Members,
            RepeatMembers = fit.RepeatMembers,
            TimeUnit = Duration.FromTimeSpan(TimeSpan.FromDays(unitDays)),
        };
    }

    public override async Task<GetMemberValueResponse> GetMemberValue(GetMemberValueRequest request, ServerCallContext context)
    {
        var v = new RequestValidator().Id("program_id", request.ProgramId).Id("member_id", request.MemberId);
        var now = time.GetUtcNow();
        var asOf = Field(v, () => request.AsOf.ToDomain("as_of")) ?? now;
        if (asOf > now + Limits.MaxClockSkew)
        {
            v.Add("as_of", $"is in the future ({asOf:O}; the server's time is {now:O})");
        }
        var horizon = Field(v, () => request.Horizon.ToDomain("horizon")) ?? DefaultHorizon;
        if (horizon < TimeSpan.Zero || horizon > MaxHorizon)
        {
            v.Add("horizon", $"must be between 0 and {MaxHorizon.TotalDays} days");
        }
        var unitDays = UnitDays(v, request.TimeUnit);
        var bgNbd = request.Bgnbd is { } b ? Model(v, "bgnbd", () => new Core.BgNbdModel(b.R, b.Alpha, b.A, b.B)) : null;
        var gammaGamma = request.GammaGamma is { } g ? Model(v, "gamma_gamma", () => new Core.GammaGammaModel(g.P, g.Q, g.Gamma)) : null;
        v.ThrowIfInvalid();
        var value = (await grains.GetGrain<IInsightsGrain>(request.ProgramId)
            .MemberValue(request.MemberId, asOf, unitDays, horizon.TotalDays / unitDays, bgNbd, gammaGamma)).Unwrap();
        var response = new GetMemberValueResponse
        {
            Purchases = value.Purchases,
            PurchaseDays = value.PurchaseDays,
            SpendMinor = value.SpendMinor,
            ReturnedMinor = value.ReturnedMinor,
            FirstPurchaseAt = value.FirstPurchaseAt is { } first ? Timestamp.FromDateTimeOffset(first) : null,
            LastPurchaseAt = value.LastPurchaseAt is { } last ? Timestamp.FromDateTimeOffset(last) : null,
            PointsEarned = value.PointsEarned,
            PointsRedeemed = value.PointsRedeemed,
            PointsExpired = value.PointsExpired,
            Frequency = value.Summary?.Frequency ?? 0,
            Recency = value.Summary?.Recency ?? 0,
            Age = value.Summary?.Age ?? 0,
        };
        if (value.Forecast is { } forecast)
        {
            response.HasForecast = true;
            response.ProbabilityAlive = forecast.ProbabilityAlive;
            response.ExpectedPurchases = forecast.ExpectedPurchases;
            response.ExpectedAverageSpendMinor = forecast.ExpectedAverageSpendMinor ?? 0;
            response.ExpectedSpendMinor = forecast.ExpectedSpendMinor ?? 0;
        }
        return response;
    }

    public override async Task<GetProgramMetricsResponse> GetProgramMetrics(GetProgramMetricsRequest request, ServerCallContext context)
    {
        var v = new RequestValidator().Id("program_id", request.ProgramId)
            .Id("merchant_id", request.MerchantId, required: false).Id("store_id", request.StoreId, required: false);
        var start = Day(v, request.PeriodStart, "period_start");
        var end = Day(v, request.PeriodEnd, "period_end");
        if (start is { } s && end is { } e && e <= s)
        {
            v.Add("period_end", $"must be after period_start ({s:yyyy-MM-dd})");
        }
        if (request.StoreId.Length > 0 && request.MerchantId.Length == 0)
        {
            v.Add("store_id", "needs merchant_id (a store is one merchant's)");
        }
        var churnDays = request.ChurnDays == 0 ? DefaultChurnDays : request.ChurnDays;
        v.Range("churn_days", churnDays, 1, MaxChurnDays);
        v.ThrowIfInvalid();
        var m = (await grains.GetGrain<IInsightsGrain>(request.ProgramId).Metrics(start!.Value, end!.Value,
            request.MerchantId.Length > 0 ? request.MerchantId : null, request.StoreId.Length > 0 ? request.StoreId : null, churnDays)).Unwrap();
        return new GetProgramMetricsResponse
        {
            Members = m.Members, NewMembers = m.NewMembers, ActiveMembers = m.ActiveMembers, RepeatMembers = m.RepeatMembers,
            Purchases = m.Purchases, SpendMinor = m.SpendMinor, PointsEarned = m.PointsEarned, PointsRedeemed = m.PointsRedeemed,
            PointsExpired = m.PointsExpired, AverageOrderValueMinor = m.AverageOrderValueMinor, RepeatPurchaseRate = m.RepeatPurchaseRate,
            PurchaseFrequency = m.PurchaseFrequency, RedemptionRate = m.RedemptionRate, ChurnedMembers = m.ChurnedMembers,
            ChurnDays = m.ChurnDays,
            Staff =
            {
                m.Staff.Select(s => new StaffFigures
                {
                    MerchantId = s.MerchantId, StoreId = s.StoreId, TerminalId = s.TerminalId, Enrolments = s.Enrolments, Feedback = s.Feedback,
                }),
            },
        };
    }

    public override async Task<GetRetentionCohortsResponse> GetRetentionCohorts(GetRetentionCohortsRequest request, ServerCallContext context)
    {
        var v = new RequestValidator().Id("program_id", request.ProgramId);
        var start = Month(v, request.PeriodStart, "period_start");
        var end = Month(v, request.PeriodEnd, "period_end");
        if (start is { } s && end is { } e && (e <= s || e > s.AddMonths(MaxCohortMonths)))
        {
            v.Add("period_end", $"must be after period_start ({s:yyyy-MM-dd}) and at most {MaxCohortMonths} months after it");
        }
        var months = request.Months == 0 ? DefaultRetentionMonths : request.Months;
        if (months < 0 || months > MaxCohortMonths)
        {
            v.Add("months", $"must be from 0 to {MaxCohortMonths} (0: the default, {DefaultRetentionMonths})");
        }
        var basis = request.Basis == CohortBasis.Unspecified ? CohortBasis.Enrolment : request.Basis;
        if (!System.Enum.IsDefined(basis))
        {
            v.Add("basis", $"must be COHORT_BASIS_ENROLMENT or COHORT_BASIS_FIRST_PURCHASE, got {(int)request.Basis}");
        }
        v.ThrowIfInvalid();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var cohorts = (await grains.GetGrain<IInsightsGrain>(request.ProgramId)
            .Cohorts(start!.Value, end!.Value, basis == CohortBasis.FirstPurchase, months, today)).Unwrap();
        var response = new GetRetentionCohortsResponse { Basis = basis, Months = months };
        response.Cohorts.AddRange(cohorts.Select(c =>
        {
            var row = new RetentionCohort { MonthStart = Midnight(c.Month), Members = c.Members };
            row.Retained.AddRange(c.Retained);
            row.Share.AddRange(c.Shares);
            return row;
        }));
        return response;
    }

    public override async Task<GetPointsLiabilityResponse> GetPointsLiability(GetPointsLiabilityRequest request, ServerCallContext context)
    {
        var v = new RequestValidator().Id("program_id", request.ProgramId);
        long? value = request.HasValueMinorPerThousandPoints ? request.ValueMinorPerThousandPoints : null;
        if (value is < 0 or > MaxValuePerThousand)
        {
            v.Add("value_minor_per_thousand_points", $"must be from 0 to {MaxValuePerThousand}");
        }
        v.ThrowIfInvalid();
        var l = (await grains.GetGrain<IInsightsGrain>(request.ProgramId).Liability(value, time.GetUtcNow())).Unwrap();
        var response = new GetPointsLiabilityResponse
        {
            OutstandingPoints = l.OutstandingPoints, ValueMinorPerThousandPoints = l.ValueMinorPerThousandPoints, Currency = l.Currency,
            LiabilityMinor = l.LiabilityMinor, BreakageExpiredPoints = l.BreakageExpiredPoints, BreakageRedeemedPoints = l.BreakageRedeemedPoints,
            BreakageRate = l.BreakageRate, ClosedCohorts = l.ClosedCohorts, BreakageFromClosedCohorts = l.BreakageFromClosedCohorts,
            ExpectedRedeemedPoints = l.ExpectedRedeemedPoints, ExpectedLiabilityMinor = l.ExpectedLiabilityMinor,
        };
        response.Cohorts.AddRange(l.Cohorts.Select(c => new EarningCohort
        {
            MonthStart = Midnight(c.Month), Earned = c.Earned, Redeemed = c.Redeemed, Expired = c.Expired, Reversed = c.Reversed,
            Outstanding = c.Outstanding, Closed = c.Closed,
        }));
        return response;
    }

    public override async Task<ExportInsightsResponse> ExportInsights(ExportInsightsRequest request, ServerCallContext context)
    {
        var v = new RequestValidator().Id("program_id", request.ProgramId);
        if (request.Report is InsightsReport.Unspecified || !System.Enum.IsDefined(request.Report))
        {
            v.Add("report", "must be INSIGHTS_REPORT_PROGRAM_METRICS, INSIGHTS_REPORT_RETENTION_COHORTS or INSIGHTS_REPORT_POINTS_LIABILITY");
        }
        v.ThrowIfInvalid();
        var csv = request.Report switch
        {
            InsightsReport.ProgramMetrics => await Nested("program_metrics", request.ProgramMetrics ?? new(), r => r.ProgramId = request.ProgramId,
                async r => InsightsCsv.Metrics(r, await GetProgramMetrics(r, context))),
            InsightsReport.RetentionCohorts => await Nested("retention_cohorts", request.RetentionCohorts ?? new(), r => r.ProgramId = request.ProgramId,
                async r => InsightsCsv.Cohorts(r, await GetRetentionCohorts(r, context))),
            _ => await Nested("points_liability", request.PointsLiability ?? new(), r => r.ProgramId = request.ProgramId,
                async r => InsightsCsv.Liability(r, await GetPointsLiability(r, context))),
        };
        return new ExportInsightsResponse { Csv = csv, Report = request.Report };
    }

    /// <summary>Runs a report's own method on its request, naming its field violations under <paramref name="field"/>.</summary>
    private static async Task<string> Nested<T>(string field, T request, Action<T> setProgram, Func<T, Task<string>> export)
        where T : Google.Protobuf.IMessage<T>
    {
        var own = request.Clone();
        setProgram(own);
        try
        {
            return await export(own);
        }
        catch (LoyaltyException invalid) when (invalid.Error.Violations is { Count: > 0 } violations)
        {
            throw new LoyaltyException(LoyaltyError.Invalid([.. violations.Select(x => x with { Field = field + "." + x.Field })]));
        }
    }

    public override async Task<GetProjectionStatusResponse> GetProjectionStatus(GetProjectionStatusRequest request, ServerCallContext context)
    {
        var checkpoint = await insights.ReadCheckpointAsync(context.CancellationToken);
        var next = await feed.ReadAllAsync(checkpoint.Position, 1, context.CancellationToken);
        var now = DateTimeOffset.UtcNow;
        // How long the next event has waited: since the journal stored it. Not since the checkpoint last moved, which
        // for a projection idle before it (a program's first event after a quiet spell) counted the quiet spell too.
        var waitingSince = next.Count == 0 ? now : next[0].RecordedAt ?? checkpoint.UpdatedAt ?? now;
        return new GetProjectionStatusResponse
        {
            Events = checkpoint.Events,
            UpdatedAt = checkpoint.UpdatedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            CaughtUp = next.Count == 0,
            Checkpoint = checkpoint.Position.ToString(),
            Lag = Duration.FromTimeSpan(waitingSince < now ? now - waitingSince : TimeSpan.Zero),
        };
    }

    public override async Task<RebuildProjectionResponse> RebuildProjection(RebuildProjectionRequest request, ServerCallContext context)
    {
        await insights.ResetAsync(context.CancellationToken);
        return new RebuildProjectionResponse();
    }

    /// <summary>A calendar day given as a timestamp at midnight UTC (required).</summary>
    private static DateOnly? Day(RequestValidator v, Timestamp? timestamp, string field)
    {
        if (timestamp is null)
        {
            v.Add(field, "is required (midnight UTC of a day)");
            return null;
        }
        var at = Field(v, () => timestamp.ToDomain(field));
        if (at is not { } moment)
        {
            return null;
        }
        if (moment.UtcTicks % TimeSpan.TicksPerDay != 0)
        {
            v.Add(field, $"must be midnight UTC (a whole day), got {moment:O}");
            return null;
        }
        return DateOnly.FromDateTime(moment.UtcDateTime);
    }

    /// <summary>The first day of a month, given as a timestamp at midnight UTC of that day (required).</summary>
    private static DateOnly? Month(RequestValidator v, Timestamp? timestamp, string field)
    {
        var day = Day(v, timestamp, field);
        if (day is { Day: not 1 } other)
        {
            v.Add(field, $"must be the first day of a month (midnight UTC), got {other:yyyy-MM-dd}");
            return null;
        }
        return day;
    }

    private static Timestamp Midnight(DateOnly day) => Timestamp.FromDateTime(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    private static int UnitDays(RequestValidator v, Duration? unit)
    {
        var value = Field(v, () => unit.ToDomain("time_unit"));
        if (value is not { } days)
        {
            return DefaultUnitDays;
        }
        if (days.Ticks % TimeSpan.TicksPerDay != 0 || days.TotalDays < 1 || days.TotalDays > MaxUnitDays)
        {
            v.Add("time_unit", $"must be a whole number of days from 1 to {MaxUnitDays}, got {days}");
            return DefaultUnitDays;
        }
        return (int)days.TotalDays;
    }

    private static T? Model<T>(RequestValidator v, string field, Func<T> create) where T : class
    {
        try
        {
            return create();
        }
        catch (ArgumentOutOfRangeException invalid)
        {
            v.Add(field + "." + invalid.ParamName?.ToLowerInvariant(), "must be positive and finite, as FitLifetimeValueModel returns it");
            return null;
        }
    }

    /// <summary>A conversion that may refuse its field; the refusal joins the others instead of ending the validation.</summary>
    private static T? Field<T>(RequestValidator v, Func<T?> convert) where T : struct
    {
        try
        {
            return convert();
        }
        catch (LoyaltyException invalid) when (invalid.Error.Violations is { Count: > 0 } violations)
        {
            foreach (var violation in violations)
            {
                v.Add(violation.Field, violation.Description);
            }
            return null;
        }
    }
}
