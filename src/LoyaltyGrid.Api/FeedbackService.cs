using System.Globalization;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Grains;
using LoyaltyGrid.Storage.Insights;
using Core = LoyaltyGrid.Domain.CustomerFeedback;

namespace LoyaltyGrid.Api;

/// <summary>
/// Feedback calls: a submission goes to the member's feedback grain; summaries and lists read the insights projection
/// (never the journal), and the figures are the domain's (<see cref="Core.FeedbackSummary"/>). A merchant admin key
/// reads its own merchant's feedback whatever the request leaves out.
/// </summary>
public sealed class FeedbackService(IGrainFactory grains, IInsightsStore insights) : V1.Feedback.FeedbackBase
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    public override async Task<SubmitFeedbackResponse> SubmitFeedback(SubmitFeedbackRequest request, ServerCallContext context)
    {
        var command = request.ToDomain();
        command.Validate();
        var feedback = (await grains.GetGrain<IMemberFeedbackGrain>(MemberKey.For(request.ProgramId, request.MemberId)).Submit(command)).Unwrap();
        return new SubmitFeedbackResponse { Feedback = feedback.ToProto(request.ProgramId, request.MemberId) };
    }

    public override async Task<GetFeedbackSummaryResponse> GetFeedbackSummary(GetFeedbackSummaryRequest request, ServerCallContext context)
    {
        var v = new RequestValidator();
        var filter = Filter(v, context, request.ProgramId, request.MerchantId, request.StoreId, request.From, request.To);
        if (!System.Enum.IsDefined(request.Bucket))
        {
            v.Add("bucket", "must be FEEDBACK_TREND_BUCKET_WEEK or FEEDBACK_TREND_BUCKET_MONTH");
        }
        v.ThrowIfInvalid();
        var counts = await insights.ReadFeedbackCountsAsync(request.ProgramId, filter!, context.CancellationToken);
        var purchases = await insights.ReadStorePurchasesAsync(request.ProgramId, filter!, context.CancellationToken);
        var summary = Core.FeedbackSummary.Of([.. counts.Select(c => c.ToDomain())],
            [.. purchases.Select(p => new Core.PurchaseCount(p.Day, p.MerchantId, p.StoreId, p.Purchases))],
            request.Bucket == FeedbackTrendBucket.Month ? Core.FeedbackBucket.Month : Core.FeedbackBucket.Week);
        return summary.ToProto();
    }

    public override async Task<ListFeedbackResponse> ListFeedback(ListFeedbackRequest request, ServerCallContext context)
    {
        var v = new RequestValidator();
        var filter = Filter(v, context, request.ProgramId, request.MerchantId, request.StoreId, request.From, request.To);
        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        v.Range("page_size", pageSize, 1, MaxPageSize);
        var after = request.PageToken.Length == 0 ? null : TimeIdPageToken.Parse(v, request.PageToken) is { } cursor ? new FeedbackCursor(cursor.At, cursor.Id) : null;
        v.ThrowIfInvalid();
        var page = await insights.ListFeedbackAsync(request.ProgramId, filter!, request.DetractorsOnly, pageSize, after, context.CancellationToken);
        var response = new ListFeedbackResponse { NextPageToken = page.Next is { } next ? TimeIdPageToken.Of(next.RecordedAt, next.FeedbackId) : "" };
        response.Feedback.AddRange(page.Rows.Select(FeedbackMapper.Entry));
        return response;
    }

    private static FeedbackFilter? Filter(RequestValidator v, ServerCallContext context, string programId, string merchantId, string storeId,
        Timestamp? from, Timestamp? to)
    {
        v.Id("program_id", programId).Id("merchant_id", merchantId, required: false).Id("store_id", storeId, required: false);
        var caller = AccessInterceptor.Caller(context);
        var merchant = merchantId.Length > 0 ? merchantId : caller.Role == Domain.Security.ApiRole.MerchantAdmin ? caller.MerchantId : null;
        if (storeId.Length > 0 && merchant is null)
        {
            v.Add("store_id", "needs merchant_id: a store id is unique within its merchant");
        }
        var (fromDay, toDay) = (Day(v, from, "from"), Day(v, to, "to"));
        if (fromDay is { } f && toDay is { } t && t <= f)
        {
            v.Add("to", $"must be after from ({f:yyyy-MM-dd})");
        }
        return new FeedbackFilter(merchant, storeId.Length > 0 ? storeId : null, fromDay, toDay);
    }

    /// <summary>An optional calendar day given as a timestamp at midnight UTC.</summary>
    private static DateOnly? Day(RequestValidator v, Timestamp? timestamp, string field)
    {
        DateTimeOffset? at;
        try
        {
            at = timestamp.ToDomain(field);
        }
        catch (LoyaltyException invalid) when (invalid.Error.Violations is { Count: > 0 })
        {
            v.Add(field, "is not a valid timestamp");
            return null;
        }
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
}
