using Grpc.Core;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Grains;
using Core = LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Api;

/// <summary>The POS terminal's calls. Each validates its fields, then hands the command to the member's grain.</summary>
public sealed class CheckoutService(MemberGrains members) : Checkout.CheckoutBase
{
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

    private static Core.RecordPurchase Purchase(RecordPurchaseRequest request, string requestId) => new(
        requestId, request.ProgramId, request.MemberId, request.MerchantId, request.StoreId, request.TerminalId,
        request.Currency,
        request.Lines.Select(l => new Core.PurchaseLine(l.Sku, l.Category, l.Quantity, l.UnitPriceMinor)).ToArray(),
        request.OccurredAt.ToDomain("occurred_at"),
        request.CouponCodes.Count > 0 ? request.CouponCodes.ToArray() : null,
        request.AppliedBenefitIds.Count > 0 ? request.AppliedBenefitIds.ToArray() : null);

    /// <summary>The merchant asking: as the request names it, else the merchant the caller's key acts for.</summary>
    private static string? MerchantOf(string requested, ServerCallContext context) =>
        requested.Length > 0 ? requested : AccessInterceptor.Caller(context).MerchantId;

    /// <summary>The member's grain; its domain rules validate the whole command, once, reporting every bad field.</summary>
    private IMemberGrain Member(Core.IMemberCommand command) => members.Get(command.ProgramId, command.MemberId);
}
