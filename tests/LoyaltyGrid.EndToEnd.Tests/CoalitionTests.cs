using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>
/// A coalition over gRPC against the real silo: an operator sets it up with three partners on different terms,
/// members earn and spend at the partners' tills, and the settlement of the period says who owes whom, to the minor
/// unit, with the operator's line closing the sum to zero.
/// </summary>
public sealed class CoalitionTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    private const string A = "partner-a";
    private const string B = "partner-b";
    private const string C = "partner-c";

    private Coalitions.CoalitionsClient Coalitions => new(silo.Silo.Channel);

    [Fact]
    public async Task Partners_earn_and_redeem_at_their_terms_and_the_settlement_sums_to_zero()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var program = await CoalitionAsync();
        var member = await EnrollAsync(silo, program);

        // A earns 10 per EUR, B 5: 2 x 10.00 EUR at A is 200 points, 30.01 EUR at B is 150 (rounded down once).
        var atA = await silo.Checkout.RecordPurchaseAsync(At(A, Purchase(program, member, ("shirt", 2, 1000))));
        var atB = await silo.Checkout.RecordPurchaseAsync(At(B, Purchase(program, member, ("book", 1, 3001))));
        var hold = await silo.Checkout.AuthorizeRedemptionAsync(With(Authorize(program, member, 101), r => r.MerchantId = C));
        await silo.Checkout.CaptureRedemptionAsync(new CaptureRedemptionRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            MemberId = member,
            HoldId = hold.HoldId,
            MerchantId = C,
            StoreId = "store-1",
        });
        var nonPartner = await RefusedAsync(silo.Checkout.RecordPurchaseAsync(At("merchant-x", Purchase(program, member, ("pen", 1, 500)))));
        var returned = await silo.Checkout.RecordReturnAsync(new RecordReturnRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            MemberId = member,
            TransactionId = atA.TransactionId,
            Lines = { new ReturnLine { Sku = "shirt", Quantity = 1 } },
            MerchantId = A,
            StoreId = "store-1",
            TerminalId = "term-1",
        });
        var period = new GetSettlementRequest
        {
            ProgramId = program,
            PeriodStart = Timestamp.FromDateTimeOffset(start),
            PeriodEnd = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(1)),
        };

        var settlement = (await Coalitions.GetSettlementAsync(period)).Settlement;

        Assert.Equal((200L, 150L, 100L), (atA.PointsEarned, atB.PointsEarned, returned.PointsReversed));
        Assert.Equal((StatusCode.FailedPrecondition, "NOT_A_PARTNER"), (nonPartner.Code, nonPartner.Reason));
        // A: 200 issued at 9.5 = 1900, 100 reversed credited at the same 9.5 = 950. B: 150 at 12 = 1800.
        // C: 101 redeemed at 7.25 = 732.25, rounded down once to 732.
        // Outstanding 200 + 150 - 100 - 101 = 149 points at 8.5 = 1266.5, rounded down to 1266.
        // Operator result: what partners pay in net (950 + 1800 - 732 = 2018) less the liability set aside = 752.
        Assert.Equal(
            [
                PartnerLine(A, issued: 200, reversed: 100, issueCharge: 1900, returnCredit: 950),
                PartnerLine(B, issued: 150, issueCharge: 1800),
                PartnerLine(C, redeemed: 101, reimbursement: 732),
            ],
            settlement.Partners);
        Assert.Equal(new SettlementLine
        {
            Party = SettlementParty.Operator,
            LiabilityChangeMinor = 1266,
            OperatorResultMinor = 752,
            NetMinor = 2018,
        }, settlement.Operator);
        Assert.Equal(
            (0L, 149L, 0L, 1266L, false, "EUR", "Retail Association"),
            (settlement.OutstandingPointsAtStart, settlement.OutstandingPointsAtEnd, settlement.LiabilityMinorAtStart,
                settlement.LiabilityMinorAtEnd, settlement.Closed, settlement.Currency, settlement.OperatorName));
        // The zero-sum identity: every minor unit a partner pays or receives is the operator's, set aside or kept.
        Assert.Equal(0, settlement.Partners.Sum(l => l.NetMinor) + settlement.Operator.LiabilityChangeMinor + settlement.Operator.OperatorResultMinor);
        Assert.Equal((0L, 149L, 1266L), (settlement.Totals.NetMinor, settlement.Totals.LiabilityChangePoints, settlement.Totals.LiabilityChangeMinor));
    }

    [Fact]
    public async Task An_export_is_the_same_bytes_every_time_and_a_merchant_admin_sees_only_its_own_line()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var program = await CoalitionAsync();
        var member = await EnrollAsync(silo, program);
        await silo.Checkout.RecordPurchaseAsync(At(A, Purchase(program, member, ("shirt", 1, 1000))));
        await silo.Checkout.RecordPurchaseAsync(At(B, Purchase(program, member, ("book", 1, 2000))));
        var end = DateTimeOffset.UtcNow.AddMinutes(1);
        var export = new ExportSettlementRequest
        {
            ProgramId = program,
            PeriodStart = Timestamp.FromDateTimeOffset(start),
            PeriodEnd = Timestamp.FromDateTimeOffset(end),
        };
        var period = new GetSettlementRequest { ProgramId = program, PeriodStart = export.PeriodStart, PeriodEnd = export.PeriodEnd };
        var merchantAdmin = TestKeys.Authorization(await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.MerchantAdmin, program, A));
        var terminal = TestKeys.Authorization(await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.Terminal, program, A, "store-1"));
        var asKey = new Coalitions.CoalitionsClient(silo.Silo.GrpcChannel);

        var first = await Coalitions.ExportSettlementAsync(export);
        var second = await Coalitions.ExportSettlementAsync(export);
        var own = (await asKey.GetSettlementAsync(period, merchantAdmin)).Settlement;
        var ownCsv = await asKey.ExportSettlementAsync(export, merchantAdmin);
        var denied = await RefusedAsync(asKey.GetSettlementAsync(period, terminal));
        var deniedExport = await RefusedAsync(asKey.ExportSettlementAsync(export, terminal));

        Assert.Equal(Encoding.UTF8.GetBytes(first.Csv), Encoding.UTF8.GetBytes(second.Csv));
        var rows = first.Csv.Split('\n');
        Assert.Equal(7, rows.Length); // header, A, B, C, operator, total, and the empty text after the last "\n"
        Assert.StartsWith("program_id,currency,period_start,period_end,party,merchant_id,", rows[0]);
        Assert.Equal([$"partner,{A}", $"partner,{B}", $"partner,{C}", "operator,", "total,"],
            rows[1..6].Select(r => string.Join(',', r.Split(',')[4..6])));
        Assert.Equal([PartnerLine(A, issued: 100, issueCharge: 950)], own.Partners);
        Assert.Equal(((SettlementLine?)null, (SettlementLine?)null, 0L), (own.Operator, own.Totals, own.OutstandingPointsAtEnd));
        Assert.Equal(rows[0] + "\n" + rows[1] + "\n", ownCsv.Csv);
        Assert.Equal((StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED"), (denied.Code, denied.Reason));
        Assert.Equal(StatusCode.PermissionDenied, deniedExport.Code);
    }

    [Fact]
    public async Task A_partner_that_leaves_keeps_its_history_and_its_tills_are_refused_afterwards()
    {
        var program = await CoalitionAsync();
        var member = await EnrollAsync(silo, program);
        await silo.Checkout.RecordPurchaseAsync(At(B, Purchase(program, member, ("book", 1, 2000))));

        var updated = (await Coalitions.UpdatePartnerTermsAsync(new UpdatePartnerTermsRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            Terms = Terms(B, 6, 12_000, 9_000),
        })).Partner;
        var removed = (await Coalitions.RemovePartnerAsync(new RemovePartnerRequest { RequestId = NewId("req"), ProgramId = program, MerchantId = B })).Partner;
        var refused = await RefusedAsync(silo.Checkout.RecordPurchaseAsync(At(B, Purchase(program, member, ("book", 1, 2000)))));
        var coalition = (await Coalitions.GetCoalitionAsync(new GetCoalitionRequest { ProgramId = program })).Coalition;
        var stillThere = await silo.Checkout.RecordPurchaseAsync(At(A, Purchase(program, member, ("shirt", 1, 1000))));

        Assert.Equal((true, Terms(B, 6, 12_000, 9_000)), (updated.Active, updated.Terms));
        Assert.Equal(
            [
                (PartnerChangeKind.Joined, Terms(B, 5, 12_000, 9_000)),
                (PartnerChangeKind.TermsChanged, Terms(B, 6, 12_000, 9_000)),
                (PartnerChangeKind.Left, (PartnerTerms?)null),
            ],
            removed.History.Select(c => (c.Kind, (PartnerTerms?)c.Terms)));
        Assert.Equal((false, (PartnerTerms?)null, removed.History[2].EffectiveFrom), (removed.Active, removed.Terms, removed.LeftAt));
        Assert.Equal(removed, coalition.Partners.Single(p => p.MerchantId == B));
        Assert.Equal([A, B, C], coalition.Partners.Select(p => p.MerchantId));
        Assert.Equal((StatusCode.FailedPrecondition, "NOT_A_PARTNER"), (refused.Code, refused.Reason));
        Assert.Equal(100, stillThere.PointsEarned);
    }

    [Fact]
    public async Task A_period_that_ended_is_closed_and_a_program_without_a_coalition_has_none()
    {
        var program = await CoalitionAsync();
        var plain = await CreateProgramAsync(silo);
        var past = new GetSettlementRequest
        {
            ProgramId = program,
            PeriodStart = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-2)),
            PeriodEnd = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-1)),
        };

        var settlement = (await Coalitions.GetSettlementAsync(past)).Settlement;
        var notCoalition = await RefusedAsync(Coalitions.GetSettlementAsync(With(past, r => r.ProgramId = plain)));
        var backwards = await RefusedAsync(Coalitions.GetSettlementAsync(With(past, r => r.PeriodEnd = r.PeriodStart)));

        // The partners joined after the period, so it has no partner lines and nothing to settle.
        Assert.Equal((true, 0, 0L), (settlement.Closed, settlement.Partners.Count, settlement.Totals.NetMinor));
        Assert.Equal((StatusCode.FailedPrecondition, "NOT_A_COALITION"), (notCoalition.Code, notCoalition.Reason));
        Assert.Equal((StatusCode.InvalidArgument, "period_end"), (backwards.Code, string.Join(",", backwards.Fields)));
    }

    [Fact]
    public async Task A_shared_benefit_applied_at_partners_tills_is_counted_per_partner_in_the_settlement()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var program = await CoalitionAsync();
        var member = await EnrollAsync(silo, program);
        await new Benefits.BenefitsClient(silo.Silo.Channel).PublishBenefitAsync(BenefitsTests.Benefit(program, "members-15", A, B));

        foreach (var (merchant, sku) in new[] { (A, "shirt"), (A, "socks"), (B, "book") })
        {
            var purchase = At(merchant, Purchase(program, member, (sku, 1, 1000)));
            purchase.AppliedBenefitIds.Add("members-15");
            await silo.Checkout.RecordPurchaseAsync(purchase);
        }
        var period = new GetSettlementRequest
        {
            ProgramId = program,
            PeriodStart = Timestamp.FromDateTimeOffset(start),
            PeriodEnd = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(1)),
        };

        var settlement = await Coalitions.GetSettlementAsync(period);

        Assert.Equal([(A, "members-15", 2L), (B, "members-15", 1L)], settlement.BenefitUses.Select(u => (u.MerchantId, u.BenefitId, u.Uses)));
    }

    [Fact]
    public async Task Every_admin_change_is_in_the_programs_audit_trail_with_who_made_it_and_when()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);
        var program = await CoalitionAsync();
        var programAdmin = await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.ProgramAdmin, program);
        var asProgramAdmin = TestKeys.Authorization(programAdmin);
        await new Coalitions.CoalitionsClient(silo.Silo.GrpcChannel).UpdatePartnerTermsAsync(new UpdatePartnerTermsRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            Terms = Terms(B, 6, 12_000, 9_000),
        }, asProgramAdmin);
        await new Benefits.BenefitsClient(silo.Silo.GrpcChannel).PublishBenefitAsync(BenefitsTests.Benefit(program, "perk", A), asProgramAdmin);
        await new Coalitions.CoalitionsClient(silo.Silo.GrpcChannel).RemovePartnerAsync(new RemovePartnerRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            MerchantId = C,
        }, asProgramAdmin);

        var audit = (await silo.Programs.ListAuditEntriesAsync(new ListAuditEntriesRequest { ProgramId = program })).Entries;

        Assert.Equal(
            ["ProgramCreated", "CoalitionConfigured", "PartnerJoined", "PartnerJoined", "PartnerJoined", "PartnerTermsUpdated", "BenefitPublished", "PartnerRemoved"],
            audit.Select(e => e.Change));
        Assert.Equal(Enumerable.Range(1, audit.Count).Select(i => (long)i), audit.Select(e => e.Sequence));
        Assert.All(audit.Take(5), e => Assert.StartsWith("key:boot", e.Actor, StringComparison.Ordinal));
        var programAdminKeyId = programAdmin.Split('_')[1];
        Assert.All(audit.Skip(5), e => Assert.StartsWith($"key:{programAdminKeyId} ", e.Actor, StringComparison.Ordinal));
        Assert.All(audit, e => Assert.InRange(e.RecordedAt.ToDateTimeOffset(), before, DateTimeOffset.UtcNow.AddSeconds(5)));
        Assert.Contains("\"MerchantId\":\"partner-c\"", audit[^1].DetailsJson, StringComparison.Ordinal);
    }

    /// <summary>A coalition program (10 points per EUR elsewhere) with partners A, B and C on different terms.</summary>
    private async Task<string> CoalitionAsync()
    {
        var program = await CreateProgramAsync(silo);
        var configured = await Coalitions.ConfigureCoalitionAsync(new ConfigureCoalitionRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            OperatorName = "Retail Association",
            LiabilityValueMinorPerThousandPoints = 8_500,
        });
        Assert.Equal(("Retail Association", 8_500L), (configured.Coalition.OperatorName, configured.Coalition.Valuations.Single().MinorPerThousandPoints));
        foreach (var terms in new[] { Terms(A, 10, 9_500, 8_000), Terms(B, 5, 12_000, 9_000), Terms(C, 1, 10_000, 7_250) })
        {
            var joined = await Coalitions.JoinPartnerAsync(new JoinPartnerRequest { RequestId = NewId("req"), ProgramId = program, Terms = terms });
            Assert.Equal((true, terms, PartnerChangeKind.Joined), (joined.Partner.Active, joined.Partner.Terms, joined.Partner.History.Single().Kind));
        }
        return program;
    }

    private static PartnerTerms Terms(string merchant, long earnRate, long issuePrice, long reimbursement) => new()
    {
        MerchantId = merchant,
        EarnRatePointsPerCurrencyUnit = earnRate,
        IssuePriceMinorPerThousandPoints = issuePrice,
        RedemptionReimbursementMinorPerThousandPoints = reimbursement,
    };

    private static SettlementLine PartnerLine(string merchant, long issued = 0, long reversed = 0, long redeemed = 0,
        long issueCharge = 0, long returnCredit = 0, long reimbursement = 0) => new()
        {
            Party = SettlementParty.Partner,
            MerchantId = merchant,
            PointsIssued = issued,
            PointsReversed = reversed,
            PointsRedeemed = redeemed,
            LiabilityChangePoints = issued - reversed - redeemed,
            IssueChargeMinor = issueCharge,
            ReturnCreditMinor = returnCredit,
            ReimbursementMinor = reimbursement,
            OwedMinor = issueCharge - returnCredit,
            DueMinor = reimbursement,
            NetMinor = reimbursement - (issueCharge - returnCredit),
        };

    private static RecordPurchaseRequest At(string merchant, RecordPurchaseRequest request) => With(request, r => r.MerchantId = merchant);

    private static T With<T>(T request, Action<T> change)
    {
        change(request);
        return request;
    }
}
