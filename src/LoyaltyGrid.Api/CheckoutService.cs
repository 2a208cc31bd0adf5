using Grpc.Core;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Grains;
using Core = LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Api;

/// <summary>The POS terminal's calls. Each validates its fields, then hands the command to the member's grain.</summary>
public sealed class CheckoutService(IGrainFactory grains, MemberGrains members) : Checkout.CheckoutBase
{
    /// <summary>Purchases per batch handed to the importer: one transaction each, while the next batch is read.</summary>
    private const int ImportBatchSize = 1000;

    /// <summary>Failures listed in full; the count covers all of them.</summary>
    private const int MaxListedFailures = 1000;

    public override async Task<RecordPurchaseResponse> RecordPurchase(RecordPurchaseRequest request, ServerCallContext context)
    {
        var command = Purchase(request, request.RequestId);
        return (await Member(command).RecordPurchase(command)).Unwrap().ToProto();
    }

    public override async Task<RecordPurchaseResponse> PreviewPurchase(RecordPurchaseRequest request, ServerCallContext context)
    {
        // Nothing is recorded, so a preview needs no idempotency key of its own.
        var command = Purchase(request, request.RequestId is { Length: > 0 } id ? id : "preview");
        var preview = (await Member(command).PreviewPurchase(command)).Unwrap().ToProto();
        preview.TransactionId = "";
        foreach (var coupon in preview.BounceBackCoupons)
        {
            // Codes come with the recorded purchase's transaction id.
            coupon.Code = "";
            coupon.TransactionId = "";
        }
        return preview;
    }

    public override async Task<AuthorizeRedemptionResponse> AuthorizeRedemption(AuthorizeRedemptionRequest request, ServerCallContext context)
    {
        var command = new Core.AuthorizeRedemption(
            request.RequestId, request.ProgramId, request.MemberId, request.Points, request.MerchantId, request.StoreId, request.TerminalId);
        var hold = (await Member(command).AuthorizeRedemption(command)).Unwrap();
        return new AuthorizeRedemptionResponse
        {
            HoldId = hold.HoldId,
            Points = hold.Points,
            ExpiresAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(hold.ExpiresAt),
            Balance = hold.BalanceAfter.ToProto(),
        };
    }

    public override async Task<CaptureRedemptionResponse> CaptureRedemption(CaptureRedemptionRequest request, ServerCallContext context)
    {
        var command = new Core.CaptureRedemption(request.RequestId, request.ProgramId, request.MemberId, request.HoldId, MerchantOf(request.MerchantId, context),
            request.StoreId is { Length: > 0 } store ? store : null);
        var capture = (await Member(command).CaptureRedemption(command)).Unwrap();
        return new CaptureRedemptionResponse
        {
            HoldId = capture.HoldId,
            PointsRedeemed = capture.Points,
            Balance = capture.BalanceAfter.ToProto(),
        };
    }

    public override async Task<VoidRedemptionResponse> VoidRedemption(VoidRedemptionRequest request, ServerCallContext context)
    {
        var command = new Core.VoidRedemption(request.RequestId, request.ProgramId, request.MemberId, request.HoldId, MerchantOf(request.MerchantId, context),
            request.StoreId is { Length: > 0 } store ? store : null);
        var release = (await Member(command).VoidRedemption(command)).Unwrap();
        return new VoidRedemptionResponse
        {
            HoldId = release.HoldId,
            PointsReleased = release.Points,
            Balance = release.BalanceAfter.ToProto(),
        };
    }

    public override async Task<RecordReturnResponse> RecordReturn(RecordReturnRequest request, ServerCallContext context)
    {
        var command = new Core.RecordReturn(
            request.RequestId, request.ProgramId, request.MemberId, request.TransactionId,
            request.Lines.Select(l => new Core.ReturnLine(l.Sku, l.Quantity)).ToArray(),
            request.MerchantId, request.StoreId, request.TerminalId,
            request.OccurredAt.ToDomain("occurred_at"));
        var ret = (await Member(command).RecordReturn(command)).Unwrap();
        return ret.ToProto();
    }

    /// <summary>
    /// Reads the stream in batches and hands each to the program's history importer while reading the next. Only the
    /// first message can fail the whole call (its program_id, or asking for points or tiers); everything else about a
    /// message is that purchase's failure.
    /// </summary>
    public override async Task<ImportPurchaseHistoryResponse> ImportPurchaseHistory(
        IAsyncStreamReader<ImportPurchaseHistoryRequest> requestStream, ServerCallContext context)
    {
        var response = new ImportPurchaseHistoryResponse();
        IPurchaseHistoryImportGrain? importer = null;
        var batch = new List<(long Index, Core.ImportHistoricalPurchase Purchase)>(ImportBatchSize);
        Task<(List<(long, Core.ImportHistoricalPurchase)>, Core.PurchaseImportOutcome)>? writing = null;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var message = requestStream.Current;
            var index = response.Received++;
            Core.ImportHistoricalPurchase? purchase = null;
            LoyaltyError? occurredAtInvalid = null;
            try
            {
                purchase = new Core.ImportHistoricalPurchase(message.ImportId, message.ProgramId, message.MemberId, message.PurchaseId,
                    message.OccurredAt.ToDomain("occurred_at"), message.AmountMinor, message.Currency, message.MerchantId, message.StoreId,
                    message.CountTowardsTiers, message.AwardPoints);
            }
            catch (LoyaltyException invalid)
            {
                occurredAtInvalid = invalid.Error;
            }
            if (importer is null)
            {
                new RequestValidator().Id("program_id", message.ProgramId).ThrowIfInvalid();
                if (purchase is not null && Core.PurchaseHistoryImport.CheckCall(purchase) is { } refused)
                {
                    throw new LoyaltyException(refused);
                }
                importer = grains.GetGrain<IPurchaseHistoryImportGrain>(message.ProgramId);
            }
            if (purchase is null)
            {
                AddFailure(response, index, message.MemberId, message.PurchaseId, occurredAtInvalid!.Reason, occurredAtInvalid.Message, occurredAtInvalid.Violations);
                continue;
            }
            batch.Add((index, purchase));
            if (batch.Count == ImportBatchSize)
            {
                if (writing is not null)
                {
                    Tally(response, await writing);
                }
                writing = WriteAsync(importer, batch);
                batch = new List<(long, Core.ImportHistoricalPurchase)>(ImportBatchSize);
            }
        }
        if (writing is not null)
        {
            Tally(response, await writing);
        }
        if (importer is not null && batch.Count > 0)
        {
            Tally(response, await WriteAsync(importer, batch));
        }
        var listed = response.Failures.OrderBy(f => f.Index).Take(MaxListedFailures).ToArray();
        response.Failures.Clear();
        response.Failures.AddRange(listed);
        return response;
    }

    private static async Task<(List<(long, Core.ImportHistoricalPurchase)>, Core.PurchaseImportOutcome)> WriteAsync(
        IPurchaseHistoryImportGrain importer, List<(long Index, Core.ImportHistoricalPurchase Purchase)> batch) =>
        (batch, (await importer.Import(batch.ConvertAll(b => b.Purchase).ToArray())).Unwrap());

    private static void Tally(ImportPurchaseHistoryResponse response,
        (List<(long Index, Core.ImportHistoricalPurchase Purchase)> Batch, Core.PurchaseImportOutcome Outcome) written)
    {
        response.Imported += written.Outcome.Imported;
        response.Unchanged += written.Outcome.Unchanged;
        foreach (var failure in written.Outcome.Failures)
        {
            AddFailure(response, written.Batch[failure.Position].Index, failure.MemberId, failure.PurchaseId, failure.Reason, failure.Message, failure.Violations);
        }
    }

    private static void AddFailure(ImportPurchaseHistoryResponse response, long index, string memberId, string purchaseId, string reason,
        string message, IReadOnlyList<FieldViolation>? violations)
    {
        response.Failed++;
        // As for ImportMembers: failures arrive up to two batches out of stream order, so a little more than the limit is kept.
        if (response.Failures.Count < MaxListedFailures + 2 * ImportBatchSize)
        {
            var failure = new PurchaseImportFailure { Index = index, MemberId = memberId, PurchaseId = purchaseId, Reason = reason, Message = message };
            failure.FieldViolations.AddRange((violations ?? []).Select(v => new ImportFieldViolation { Field = v.Field, Description = v.Description }));
            response.Failures.Add(failure);
        }
    }

    private static Core.RecordPurchase Purchase(RecordPurchaseRequest request, string requestId) => new(
        requestId, request.ProgramId, request.MemberId, request.MerchantId, request.StoreId, request.TerminalId,
        request.Currency,
        request.Lines.Select(l => new Core.PurchaseLine(l.Sku, l.Category, l.Quantity, l.UnitPriceMinor)
        {
            Labels = l.Labels.Count > 0 ? l.Labels.ToArray() : [],
            Delivery = l.Delivery,
        }).ToArray(),
        request.OccurredAt.ToDomain("occurred_at"),
        request.CouponCodes.Count > 0 ? request.CouponCodes.ToArray() : null,
        request.AppliedBenefitIds.Count > 0 ? request.AppliedBenefitIds.ToArray() : null);

    /// <summary>The merchant asking: as the request names it, else the merchant the caller's key acts for.</summary>
    private static string? MerchantOf(string requested, ServerCallContext context) =>
        requested.Length > 0 ? requested : AccessInterceptor.Caller(context).MerchantId;

    /// <summary>The member's grain; its domain rules validate the whole command, once, reporting every bad field.</summary>
    private IMemberGrain Member(Core.IMemberCommand command) => members.Get(command.ProgramId, command.MemberId);
}
