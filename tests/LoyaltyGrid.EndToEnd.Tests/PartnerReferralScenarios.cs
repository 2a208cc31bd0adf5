using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>
/// Partner referrals over gRPC against the real silo: partner A of a coalition gets its code, a member enrols with it,
/// buys first at A (no fee), then at B (A's fee, owed by B, in GetSettlement and in ExportSettlement's version 3), and a
/// second purchase at B (after the member was reloaded from storage) pays nothing more; with the refusals of bad terms
/// and of a merchant that is no partner. On the embedded default (SQLite) and on PostgreSQL: both projections carry the fees.
/// </summary>
public abstract class PartnerReferralScenarios(SiloFixture silo)
{
    private const string A = "partner-a";
    private const string B = "partner-b";

    private Coalitions.CoalitionsClient Coalitions => new(silo.Silo.Channel);

    private Referrals.ReferralsClient Referrals => new(silo.Silo.Channel);

    [Fact]
    public async Task The_first_purchase_at_another_partner_pays_the_referring_partner_its_fee_once_in_the_settlement()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var program = await CoalitionAsync();
        var merchantAdminOfA = TestKeys.Authorization(await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.MerchantAdmin, program, A));
        var merchantAdminOfB = TestKeys.Authorization(await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.MerchantAdmin, program, B));
        var asKey = new Referrals.ReferralsClient(silo.Silo.GrpcChannel);

        var code = (await asKey.GetPartnerReferralCodeAsync(new GetPartnerReferralCodeRequest { ProgramId = program, MerchantId = A }, merchantAdminOfA)).Code;
        var again = (await Referrals.GetPartnerReferralCodeAsync(new GetPartnerReferralCodeRequest { ProgramId = program, MerchantId = A })).Code;
        var othersCode = await RefusedAsync(asKey.GetPartnerReferralCodeAsync(new GetPartnerReferralCodeRequest { ProgramId = program, MerchantId = A }, merchantAdminOfB));
        var enrol = new EnrollMemberRequest { RequestId = NewId("req"), ProgramId = program, MemberId = NewId("ann"), ReferralCode = code.ToLowerInvariant() };
        var enrolled = await silo.Members.EnrollMemberAsync(enrol);
        var retried = await silo.Members.EnrollMemberAsync(enrol);
        var member = enrol.MemberId;
        var atA = await silo.Checkout.RecordPurchaseAsync(At(A, Purchase(program, member, ("shirt", 1, 1000))));
        var atB = At(B, Purchase(program, member, ("book", 1, 2000)));
        await silo.Checkout.RecordPurchaseAsync(atB);
        await silo.Checkout.RecordPurchaseAsync(atB); // a retry of the same request
        // Reloaded from storage, the member still knows its fee was made due.
        await new Diagnostics.DiagnosticsClient(silo.Silo.Channel).DeactivateMemberAsync(new DeactivateMemberRequest { ProgramId = program, MemberId = member });
        await silo.Checkout.RecordPurchaseAsync(At(B, Purchase(program, member, ("pen", 1, 500))));
        var period = new GetSettlementRequest
        {
            ProgramId = program,
            PeriodStart = Timestamp.FromDateTimeOffset(start),
            PeriodEnd = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(1)),
        };

        var settlement = (await Coalitions.GetSettlementAsync(period)).Settlement;
        var export = await Coalitions.ExportSettlementAsync(new ExportSettlementRequest
        {
            ProgramId = program,
            PeriodStart = period.PeriodStart,
            PeriodEnd = period.PeriodEnd,
            CsvVersion = 3,
        });
        var firstVersion = await Coalitions.ExportSettlementAsync(new ExportSettlementRequest
        {
            ProgramId = program,
            PeriodStart = period.PeriodStart,
            PeriodEnd = period.PeriodEnd,
        });

        Assert.Equal(code, again);
        Assert.Matches("^[0-9A-Z]{8}$", code);
        Assert.Equal((StatusCode.PermissionDenied, "OUTSIDE_KEY_SCOPE"), (othersCode.Code, othersCode.Reason));
        Assert.Equal((A, (Referral?)null), (enrolled.ReferringPartnerId, enrolled.Referral));
        Assert.Equal(enrolled, retried);
        Assert.Equal(100, atA.PointsEarned);
        var a = settlement.Partners.Single(p => p.MerchantId == A);
        var b = settlement.Partners.Single(p => p.MerchantId == B);
        // A: 100 points at 9.50 = 950 owed, 750 fee earned. B: 100 + 25 points at 12.00 = 1500 owed, 750 fee paid.
        Assert.Equal((750L, 0L, 1L, 0L, 950L, 750L - 950L), (a.ReferralFeesEarnedMinor, a.ReferralFeesOwedMinor, a.ReferralsEarned, a.ReferralsOwed, a.OwedMinor, a.NetMinor));
        Assert.Equal((0L, 750L, 0L, 1L, 1500L, -750L - 1500L), (b.ReferralFeesEarnedMinor, b.ReferralFeesOwedMinor, b.ReferralsEarned, b.ReferralsOwed, b.OwedMinor, b.NetMinor));
        Assert.Equal((0L, 0L), (settlement.Operator.ReferralFeesEarnedMinor, settlement.Operator.ReferralFeesOwedMinor));
        Assert.Equal(950L + 1500L, settlement.Operator.NetMinor);
        Assert.Equal(0, settlement.Partners.Sum(l => l.NetMinor) + settlement.Operator.LiabilityChangeMinor + settlement.Operator.OperatorResultMinor);
        Assert.Equal((0L, 750L, 750L, 1L, 1L), (settlement.Totals.NetMinor, settlement.Totals.ReferralFeesEarnedMinor, settlement.Totals.ReferralFeesOwedMinor,
            settlement.Totals.ReferralsEarned, settlement.Totals.ReferralsOwed));
        var rows = export.Csv.Split('\n');
        Assert.Equal(3, export.CsvVersion);
        Assert.EndsWith(",reward_redemptions,reward_points_redeemed,referral_fees_earned_minor,referral_fees_owed_minor,referrals_earned,referrals_owed", rows[0]);
        Assert.Contains($",partner,{A},", rows[1]);
        Assert.EndsWith(",-200,0,0,750,0,1,0", rows[1]);
        Assert.Contains($",partner,{B},", rows[2]);
        Assert.EndsWith(",-2250,0,0,0,750,0,1", rows[2]);
        Assert.EndsWith(",0,0,0,750,750,1,1", rows[^2]);
        Assert.Equal(1, firstVersion.CsvVersion);
        Assert.EndsWith(",net_minor", firstVersion.Csv.Split('\n')[0]);
        Assert.EndsWith(",-200", firstVersion.Csv.Split('\n')[1]);
    }

    [Fact]
    public async Task A_negative_fee_is_a_field_violation_and_a_merchant_that_is_no_partner_has_no_code()
    {
        var program = await CoalitionAsync();
        var notCoalition = await CreateProgramAsync(silo);

        var negative = await RefusedAsync(Coalitions.JoinPartnerAsync(new JoinPartnerRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            Terms = Terms("partner-c", referralFee: -1),
        }));
        var negativeUpdate = await RefusedAsync(Coalitions.UpdatePartnerTermsAsync(new UpdatePartnerTermsRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            Terms = Terms(B, referralFee: -5),
        }));
        var unknown = await RefusedAsync(Referrals.GetPartnerReferralCodeAsync(new GetPartnerReferralCodeRequest { ProgramId = program, MerchantId = "merchant-x" }));
        var noCoalition = await RefusedAsync(Referrals.GetPartnerReferralCodeAsync(new GetPartnerReferralCodeRequest { ProgramId = notCoalition, MerchantId = A }));
        var badId = await RefusedAsync(Referrals.GetPartnerReferralCodeAsync(new GetPartnerReferralCodeRequest { ProgramId = program, MerchantId = "" }));
        await Coalitions.RemovePartnerAsync(new RemovePartnerRequest { RequestId = NewId("req"), ProgramId = program, MerchantId = B });
        var left = await RefusedAsync(Referrals.GetPartnerReferralCodeAsync(new GetPartnerReferralCodeRequest { ProgramId = program, MerchantId = B }));
        var unknownCode = await RefusedAsync(silo.Members.EnrollMemberAsync(new EnrollMemberRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            MemberId = NewId("bob"),
            ReferralCode = "ZZZZZZZZ",
        }));

        Assert.Equal((StatusCode.InvalidArgument, "terms.referral_fee_minor"), (negative.Code, string.Join(",", negative.Fields)));
        Assert.Equal((StatusCode.InvalidArgument, "terms.referral_fee_minor"), (negativeUpdate.Code, string.Join(",", negativeUpdate.Fields)));
        Assert.Equal((StatusCode.NotFound, "PARTNER_NOT_FOUND"), (unknown.Code, unknown.Reason));
        Assert.Equal((StatusCode.NotFound, "PARTNER_NOT_FOUND"), (left.Code, left.Reason));
        Assert.Equal((StatusCode.FailedPrecondition, "NOT_A_COALITION"), (noCoalition.Code, noCoalition.Reason));
        Assert.Equal((StatusCode.InvalidArgument, "merchant_id"), (badId.Code, string.Join(",", badId.Fields)));
        Assert.Equal((StatusCode.InvalidArgument, "referral_code"), (unknownCode.Code, string.Join(",", unknownCode.Fields)));
        // The refused terms changed nothing: B kept its fee until it left.
        var coalition = (await Coalitions.GetCoalitionAsync(new GetCoalitionRequest { ProgramId = program })).Coalition;
        Assert.Equal(750, coalition.Partners.Single(p => p.MerchantId == A).Terms.ReferralFeeMinor);
        Assert.DoesNotContain(coalition.Partners, p => p.MerchantId == "partner-c");
    }

    /// <summary>A coalition of A (10 points per EUR at 9.50 per thousand, referral fee 7.50) and B (5 per EUR at 12.00, fee 2.00).</summary>
    private async Task<string> CoalitionAsync()
    {
        var program = await CreateProgramAsync(silo);
        await Coalitions.ConfigureCoalitionAsync(new ConfigureCoalitionRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            OperatorName = "Retail Association",
            LiabilityValueMinorPerThousandPoints = 8_500,
        });
        foreach (var terms in new[] { Terms(A, 10, 9_500, 750), Terms(B, 5, 12_000, 200) })
        {
            var joined = await Coalitions.JoinPartnerAsync(new JoinPartnerRequest { RequestId = NewId("req"), ProgramId = program, Terms = terms });
            Assert.Equal(terms, joined.Partner.Terms);
        }
        return program;
    }

    private static PartnerTerms Terms(string merchant, long earnRate = 10, long issuePrice = 10_000, long referralFee = 0) => new()
    {
        MerchantId = merchant,
        EarnRatePointsPerCurrencyUnit = earnRate,
        IssuePriceMinorPerThousandPoints = issuePrice,
        RedemptionReimbursementMinorPerThousandPoints = 8_000,
        ReferralFeeMinor = referralFee,
    };

    private static RecordPurchaseRequest At(string merchant, RecordPurchaseRequest request)
    {
        request.MerchantId = merchant;
        return request;
    }
}

public sealed class EmbeddedPartnerReferralTests(EmbeddedSiloFixture silo) : PartnerReferralScenarios(silo), IClassFixture<EmbeddedSiloFixture>;

public sealed class PostgresPartnerReferralTests(PostgresSiloFixture silo) : PartnerReferralScenarios(silo), IClassFixture<PostgresSiloFixture>;
