using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Storage.Insights;
using Core = LoyaltyGrid.Domain.CustomerFeedback;
using Programs = LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Api;

/// <summary>Feedback messages to domain commands and back; the channel's proto numbers are the domain's.</summary>
public static class FeedbackMapper
{
    public static FeedbackReward ToProto(Programs.FeedbackReward r) => new()
    {
        Points = r.Points,
        MaxPerPeriod = r.MaxPerPeriod,
        Period = r.Period is { } period ? Duration.FromTimeSpan(period) : null,
    };

    public static Core.SubmitFeedback ToDomain(this SubmitFeedbackRequest r) => new(r.RequestId, r.ProgramId, r.MemberId,
        Optional(r.TransactionId), r.MerchantId, r.StoreId, Optional(r.TerminalId), r.HasNps ? r.Nps : null, r.HasCsat ? r.Csat : null,
        Optional(r.Comment), (Core.FeedbackChannel)(int)r.Channel);

    public static FeedbackEntry ToProto(this Core.FeedbackSubmitted e, string programId, string memberId) => Entry(new FeedbackRow(
        programId, e.FeedbackId, memberId, e.TransactionId, e.MerchantId, e.StoreId, e.TerminalId ?? "", e.Nps, e.Csat, e.Comment,
        (int)e.Channel, e.RewardPoints, e.RecordedAt));

    public static FeedbackEntry Entry(FeedbackRow r)
    {
        var entry = new FeedbackEntry
        {
            FeedbackId = r.FeedbackId,
            ProgramId = r.ProgramId,
            MemberId = r.MemberId,
            TransactionId = r.TransactionId ?? "",
            MerchantId = r.MerchantId,
            StoreId = r.StoreId,
            TerminalId = r.TerminalId,
            Comment = r.Comment ?? "",
            Channel = (FeedbackChannel)r.Channel,
            Incentivised = r.RewardPoints > 0,
            RewardPoints = r.RewardPoints,
            RecordedAt = Timestamp.FromDateTimeOffset(r.RecordedAt),
        };
        if (r.Nps is { } nps)
        {
            entry.Nps = nps;
        }
        if (r.Csat is { } csat)
        {
            entry.Csat = csat;
        }
        return entry;
    }

    public static Core.FeedbackCount ToDomain(this FeedbackDayCounts c) => new(c.Day, c.MerchantId, c.StoreId, c.TerminalId, c.Incentivised,
        c.Responses, c.WithTransaction, c.NpsAnswers, c.Promoters, c.Detractors, c.CsatAnswers, c.CsatSatisfied);

    public static GetFeedbackSummaryResponse ToProto(this Core.FeedbackSummary s)
    {
        var response = new GetFeedbackSummaryResponse
        {
            Figures = s.Figures.ToProto(),
            Incentivised = s.Incentivised.ToProto(),
            Unincentivised = s.Unincentivised.ToProto(),
            Purchases = s.Purchases,
        };
        if (s.ResponseRate is { } rate)
        {
            response.ResponseRate = rate;
        }
        foreach (var t in s.Trend)
        {
            var point = new FeedbackTrendPoint
            {
                Start = Timestamp.FromDateTime(t.Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
                Figures = t.Figures.ToProto(),
                Purchases = t.Purchases,
            };
            if (t.ResponseRate is { } r)
            {
                point.ResponseRate = r;
            }
            response.Trend.Add(point);
        }
        foreach (var store in s.Stores)
        {
            var row = new StoreFeedback { MerchantId = store.MerchantId, StoreId = store.StoreId, Figures = store.Figures.ToProto(), Purchases = store.Purchases };
            if (store.ResponseRate is { } r)
            {
                row.ResponseRate = r;
            }
            row.Terminals.AddRange(store.Terminals.Select(t => new TerminalFeedback { TerminalId = t.TerminalId, Responses = t.Responses }));
            response.Stores.Add(row);
        }
        return response;
    }

    public static FeedbackFigures ToProto(this Core.FeedbackFigures f)
    {
        var figures = new FeedbackFigures
        {
            Responses = f.Responses,
            WithTransaction = f.WithTransaction,
            NpsAnswers = f.NpsAnswers,
            Promoters = f.Promoters,
            Passives = f.Passives,
            Detractors = f.Detractors,
            CsatAnswers = f.CsatAnswers,
            CsatSatisfied = f.CsatSatisfied,
        };
        if (f.Nps is { } nps)
        {
            figures.Nps = nps;
        }
        if (f.Csat is { } csat)
        {
            figures.Csat = csat;
        }
        return figures;
    }

    private static string? Optional(string value) => value.Length == 0 ? null : value;
}
