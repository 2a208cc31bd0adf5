using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.Baseline.Services;

/// <summary>RecordPurchase only: the basket's total goes to the member's grain, which earns at the fixed rate.</summary>
public sealed class BaselineCheckoutService(IGrainFactory grains) : Checkout.CheckoutBase
{
    public override async Task<RecordPurchaseResponse> RecordPurchase(RecordPurchaseRequest request, ServerCallContext context)
    {
        if (request.RequestId.Length == 0) throw BaselineMapper.Invalid("request_id");
        if (request.ProgramId.Length == 0) throw BaselineMapper.Invalid("program_id");
        if (request.MemberId.Length == 0) throw BaselineMapper.Invalid("member_id");
        if (request.Lines.Count is 0 or > 200) throw BaselineMapper.Invalid("lines");

        long total = 0;
        foreach (var line in request.Lines)
        {
            if (line.Quantity is < 1 or > 10_000) throw BaselineMapper.Invalid("lines.quantity");
            if (line.UnitPriceMinor is < 0 or > 100_000_000) throw BaselineMapper.Invalid("lines.unit_price_minor");
            total += line.Quantity * line.UnitPriceMinor;
        }

        var grain = grains.GetGrain<IBaselineMemberGrain>(BaselineMapper.MemberKey(request.ProgramId, request.MemberId));
        var reply = BaselineMapper.Accepted(await grain.RecordPurchase(new BaselinePurchase(request.RequestId, total)));
        return new RecordPurchaseResponse
        {
            TransactionId = reply.TransactionId,
            PointsEarned = reply.PointsEarned,
            Balance = BaselineMapper.Balance(reply),
            TotalMinor = total,
            Currency = request.Currency,
            QualifyingMinor = total,
            Breakdown = { new PointsBreakdownLine { Rule = "base-rate", Points = reply.PointsEarned } },
        };
    }
}
