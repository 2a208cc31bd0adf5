using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>
/// Rewards in a coalition over gRPC against the real silo: a partner's reward is accepted at that partner only, and the
/// settlement counts each party's reward redemptions in the period, less the cancelled ones.
/// </summary>
public sealed class RewardsSettlementTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    private const string A = "partner-a";
    private const string B = "partner-b";

    private Rewards.RewardsClient Rewards => new(silo.Silo.Channel);

    private Coalitions.CoalitionsClient Coalitions => new(silo.Silo.Channel);

    [Fact]
    public async Task Settlement_counts_reward_redemptions_per_partner_less_cancellations_and_a_partner_code_is_for_that_partner()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var program = await CreateProgramAsync(silo);
        await Coalitions.ConfigureCoalitionAsync(new ConfigureCoalitionRequest
        {
            RequestId = NewId("req"), ProgramId = program, OperatorName = "Association", LiabilityValueMinorPerThousandPoints = 8_000,
        });
        foreach (var merchant in new[] { A, B })
        {
            await Coalitions.JoinPartnerAsync(new JoinPartnerRequest
            {
                RequestId = NewId("req"),
                ProgramId = program,
                Terms = new PartnerTerms
                {
                    MerchantId = merchant, EarnRatePointsPerCurrencyUnit = 10, IssuePriceMinorPerThousandPoints = 10_000,
                    RedemptionReimbursementMinorPerThousandPoints = 8_000,
                },
            });
        }
        var member = await EnrollAsync(silo, program);
        await silo.Checkout.RecordPurchaseAsync(At(A, Purchase(program, member, ("shirt", 1, 50_000))));
        await Rewards.CreateRewardAsync(RewardsTests.Create(program, new RewardDefinition
        {
            RewardId = "spa", Name = "Spa hour", Kind = RewardKind.PartnerService, ServiceName = "One hour at the spa", PartnerId = A,
            PointsCost = 1_000, Stock = 10,
        }));
        var coffee = RewardsTests.Discount("b-coffee", points: 200);
        coffee.PartnerId = B;
        await Rewards.CreateRewardAsync(RewardsTests.Create(program, coffee));
        await Rewards.CreateRewardAsync(RewardsTests.Create(program, RewardsTests.Discount("bag", points: 300)));
        var notAPartner = RewardsTests.Discount("x", points: 1);
        notAPartner.PartnerId = "merchant-x";
        var refused = await RefusedAsync(Rewards.CreateRewardAsync(RewardsTests.Create(program, notAPartner)));

        var spa = (await Rewards.RedeemRewardAsync(RewardsTests.Redeem(program, member, "spa"))).Redemption.Code;
        var cancelled = (await Rewards.RedeemRewardAsync(RewardsTests.Redeem(program, member, "spa"))).Redemption.Code;
        await Rewards.RedeemRewardAsync(RewardsTests.Redeem(program, member, "b-coffee"));
        await Rewards.RedeemRewardAsync(RewardsTests.Redeem(program, member, "bag"));
        await Rewards.CancelRewardRedemptionAsync(new CancelRewardRedemptionRequest
        {
            RequestId = NewId("req"), ProgramId = program, MemberId = member, Code = cancelled,
        });
        var elsewhere = await silo.Checkout.PreviewPurchaseAsync(WithCode(At(B, Purchase(program, member, ("tea", 1, 300))), spa));
        var atPartner = await silo.Checkout.RecordPurchaseAsync(WithCode(At(A, Purchase(program, member, ("tea", 1, 300))), spa));
        var period = new GetSettlementRequest
        {
            ProgramId = program,
            PeriodStart = Timestamp.FromDateTimeOffset(start),
            PeriodEnd = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(1)),
        };
        var settlement = (await Coalitions.GetSettlementAsync(period)).Settlement;
        var merchantAdmin = TestKeys.Authorization(await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.MerchantAdmin, program, A));
        var own = (await new Coalitions.CoalitionsClient(silo.Silo.GrpcChannel).GetSettlementAsync(period, merchantAdmin)).Settlement;
        var export = new ExportSettlementRequest { ProgramId = program, PeriodStart = period.PeriodStart, PeriodEnd = period.PeriodEnd, CsvVersion = 2 };
        var exported = await Coalitions.ExportSettlementAsync(export);
        var csv = exported.Csv.Split('\n');
        var unversioned = await Coalitions.ExportSettlementAsync(new ExportSettlementRequest(export) { CsvVersion = 0 });
        var tooNew = await RefusedAsync(Coalitions.ExportSettlementAsync(new ExportSettlementRequest(export) { CsvVersion = 4 }));
        var ownCsv = (await new Coalitions.CoalitionsClient(silo.Silo.GrpcChannel).ExportSettlementAsync(export, merchantAdmin)).Csv.Split('\n');

        Assert.Equal((Grpc.Core.StatusCode.NotFound, "PARTNER_NOT_FOUND"), (refused.Code, refused.Reason));
        Assert.Equal((false, "REWARD_CODE_OTHER_MERCHANT"), (Assert.Single(elsewhere.Coupons).Accepted, elsewhere.Coupons[0].Reason));
        Assert.Equal((true, 0L), (Assert.Single(atPartner.Coupons).Accepted, atPartner.Coupons[0].DiscountMinor));
        Assert.Equal([("", "bag", 1L, 300L), (A, "spa", 1L, 1_000L), (B, "b-coffee", 1L, 200L)],
            settlement.RewardRedemptions.Select(r => (r.PartnerId, r.RewardId, r.Redemptions, r.Points)));
        Assert.Equal([(A, 1L, 1_000L), (B, 1L, 200L)], settlement.Partners.Select(p => (p.MerchantId, p.RewardRedemptions, p.RewardPointsRedeemed)));
        Assert.Equal((1L, 300L), (settlement.Operator.RewardRedemptions, settlement.Operator.RewardPointsRedeemed));
        Assert.Equal((3L, 1_500L), (settlement.Totals.RewardRedemptions, settlement.Totals.RewardPointsRedeemed));
        Assert.Equal([(A, "spa", 1L)], own.RewardRedemptions.Select(r => (r.PartnerId, r.RewardId, r.Redemptions)));
        Assert.Equal((1L, 1_000L), (Assert.Single(own.Partners).RewardRedemptions, own.Partners[0].RewardPointsRedeemed));
        // Version 2's last two columns are the same counts, row by row: partners, operator, totals; version 1 has none.
        Assert.Equal((2, 1), (exported.CsvVersion, unversioned.CsvVersion));
        Assert.Equal("program_id,currency,period_start,period_end,party,merchant_id,points_issued,points_reversed,points_written_off,points_redeemed,points_expired,points_reinstated,liability_change_points,issue_charge_minor,return_credit_minor,reimbursement_minor,owed_minor,due_minor,liability_change_minor,operator_result_minor,net_minor",
            unversioned.Csv.Split('\n')[0]);
        Assert.Equal((Grpc.Core.StatusCode.InvalidArgument, "csv_version"), (tooNew.Code, Assert.Single(tooNew.Fields)));
        Assert.EndsWith(",reward_redemptions,reward_points_redeemed", csv[0]);
        Assert.Equal([$"partner,{A},1,1000", $"partner,{B},1,200", "operator,,1,300", "total,,3,1500"],
            csv.Skip(1).Where(r => r.Length > 0).Select(r => r.Split(',')).Select(c => $"{c[4]},{c[5]},{c[^2]},{c[^1]}"));
        Assert.Equal([$"partner,{A},1,1000"], ownCsv.Skip(1).Where(r => r.Length > 0).Select(r => r.Split(',')).Select(c => $"{c[4]},{c[5]},{c[^2]},{c[^1]}"));
    }

    private static RecordPurchaseRequest At(string merchant, RecordPurchaseRequest request)
    {
        request.MerchantId = merchant;
        return request;
    }

    private static RecordPurchaseRequest WithCode(RecordPurchaseRequest purchase, string code)
    {
        purchase.CouponCodes.Add(code);
        return purchase;
    }
}
