using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>Shared benefits over gRPC: publication reaching the next checkout, applied benefits, visibility, and the watch stream.</summary>
public sealed class BenefitsTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    private static readonly TimeSpan StreamTimeout = TimeSpan.FromSeconds(20);

    public static PublishBenefitRequest Benefit(string program, string id, params string[] merchants)
    {
        var request = new PublishBenefitRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            BenefitId = id,
            Name = $"Benefit {id}",
            Kind = BenefitKind.PercentageDiscount,
            PercentOff = 15,
            ValidUntil = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(7)),
        };
        request.MerchantIds.AddRange(merchants);
        return request;
    }

    /// <summary>The next message of a watch, or a failure after <see cref="StreamTimeout"/>.</summary>
    public static async Task<WatchBenefitsResponse> NextAsync(AsyncServerStreamingCall<WatchBenefitsResponse> watch)
    {
        using var timeout = new CancellationTokenSource(StreamTimeout);
        Assert.True(await watch.ResponseStream.MoveNext(timeout.Token), "the watch ended");
        return watch.ResponseStream.Current;
    }

    [Fact]
    public async Task A_published_benefit_is_offered_at_the_next_checkout_and_the_pos_reports_the_ones_it_applied()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        var benefits = new Benefits.BenefitsClient(silo.Silo.Channel);
        var bonus = Benefit(program, "bonus", "merchant-1");
        (bonus.Kind, bonus.PercentOff, bonus.BonusPoints) = (BenefitKind.BonusPoints, 0, 500);
        await benefits.PublishBenefitAsync(bonus);
        await benefits.PublishBenefitAsync(Benefit(program, "elsewhere", "merchant-2"));

        var offered = await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("sku", 1, 1000)));
        var applying = Purchase(program, member, ("sku", 1, 1000));
        applying.AppliedBenefitIds.Add("bonus");
        var applied = await silo.Checkout.RecordPurchaseAsync(applying);
        var wrong = Purchase(program, member, ("sku", 1, 1000));
        wrong.AppliedBenefitIds.Add("elsewhere");
        var refused = await RefusedAsync(silo.Checkout.RecordPurchaseAsync(wrong));

        Assert.Equal(
            [new EligibleBenefit { BenefitId = "bonus", Name = "Benefit bonus", Kind = BenefitKind.BonusPoints, BonusPoints = 500, ValidUntil = bonus.ValidUntil }],
            offered.EligibleBenefits);
        Assert.Equal((100L + 500L, "bonus"), (applied.PointsEarned, applied.AppliedBenefitIds.Single()));
        Assert.Contains(applied.Breakdown, line => line.Rule == "benefit:bonus" && line.Points == 500);
        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST"), (refused.Code, refused.Reason));
        Assert.Equal(["applied_benefit_ids[0]"], refused.Fields);
    }

    [Fact]
    public async Task Publication_and_retirement_are_audited_and_a_merchant_sees_only_its_benefits()
    {
        var program = await CreateProgramAsync(silo);
        var benefits = new Benefits.BenefitsClient(silo.Silo.Channel);
        await benefits.PublishBenefitAsync(Benefit(program, "everywhere"));
        await benefits.PublishBenefitAsync(Benefit(program, "mine", "merchant-1"));
        await benefits.PublishBenefitAsync(Benefit(program, "theirs", "merchant-2"));
        var retired = (await benefits.RetireBenefitAsync(new RetireBenefitRequest { RequestId = NewId("req"), ProgramId = program, BenefitId = "mine" })).Benefit;
        var terminal = TestKeys.Authorization(await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.Terminal, program, "merchant-1", "store-1"));
        var asTerminal = new Benefits.BenefitsClient(silo.Silo.GrpcChannel);

        var all = (await benefits.ListBenefitsAsync(new ListBenefitsRequest { ProgramId = program })).Benefits;
        var active = (await benefits.ListBenefitsAsync(new ListBenefitsRequest { ProgramId = program, ActiveOnly = true })).Benefits;
        var seenByTerminal = (await asTerminal.ListBenefitsAsync(new ListBenefitsRequest { ProgramId = program }, terminal)).Benefits;
        var otherMerchant = await RefusedAsync(asTerminal.ListBenefitsAsync(new ListBenefitsRequest { ProgramId = program, MerchantId = "merchant-2" }, terminal));

        Assert.Equal(["everywhere", "mine", "theirs"], all.Select(b => b.BenefitId));
        Assert.Equal(["everywhere", "theirs"], active.Select(b => b.BenefitId));
        Assert.Equal(["everywhere", "mine"], seenByTerminal.Select(b => b.BenefitId));
        Assert.Matches(@"^key:boot[0-9a-f]{12} ", all[0].PublishedBy);
        Assert.Equal((all[0].PublishedBy, true), (retired.RetiredBy, retired.RetiredAt is not null));
        Assert.Equal((StatusCode.PermissionDenied, "OUTSIDE_KEY_SCOPE"), (otherMerchant.Code, otherMerchant.Reason));
    }

    [Fact]
    public async Task A_watch_sends_the_current_benefits_then_each_publication_and_retirement_for_its_merchant()
    {
        var program = await CreateProgramAsync(silo);
        var benefits = new Benefits.BenefitsClient(silo.Silo.Channel);
        await benefits.PublishBenefitAsync(Benefit(program, "before"));
        var terminal = TestKeys.Authorization(await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.Terminal, program, "merchant-1", "store-1"));
        using var cancel = new CancellationTokenSource();
        using var watch = new Benefits.BenefitsClient(silo.Silo.GrpcChannel)
            .WatchBenefits(new WatchBenefitsRequest { ProgramId = program }, terminal, cancellationToken: cancel.Token);

        var current = await NextAsync(watch);
        var synced = await NextAsync(watch);
        await benefits.PublishBenefitAsync(Benefit(program, "not-here", "merchant-2"));
        await benefits.PublishBenefitAsync(Benefit(program, "here", "merchant-1"));
        var published = await NextAsync(watch);
        await benefits.RetireBenefitAsync(new RetireBenefitRequest { RequestId = NewId("req"), ProgramId = program, BenefitId = "before" });
        var retired = await NextAsync(watch);
        cancel.Cancel();

        Assert.Equal((BenefitChangeKind.Current, "before"), (current.Kind, current.Benefit.BenefitId));
        Assert.Equal((BenefitChangeKind.Synced, null), (synced.Kind, synced.Benefit));
        Assert.Equal((BenefitChangeKind.Published, "here"), (published.Kind, published.Benefit.BenefitId));
        Assert.Equal((BenefitChangeKind.Retired, "before", true), (retired.Kind, retired.Benefit.BenefitId, retired.Benefit.RetiredAt is not null));
        Assert.True(retired.ProgramVersion > published.ProgramVersion);
    }

    [Theory]
    [InlineData(ApiRole.Admin, StatusCode.OK)]
    [InlineData(ApiRole.ProgramAdmin, StatusCode.OK)]
    [InlineData(ApiRole.MerchantAdmin, StatusCode.OK)]
    [InlineData(ApiRole.Terminal, StatusCode.OK)]
    [InlineData(ApiRole.Unspecified, StatusCode.Unauthenticated)]
    public async Task Everyone_of_the_program_may_watch_its_benefits_and_no_one_else(ApiRole role, StatusCode expected)
    {
        var program = await CreateProgramAsync(silo);
        var other = await CreateProgramAsync(silo);
        var key = role switch
        {
            ApiRole.Unspecified => null,
            ApiRole.Admin => TestKeys.Bootstrap,
            _ => await TestKeys.IssueAsync(silo.Silo.Channel, role, program,
                role is ApiRole.MerchantAdmin or ApiRole.Terminal ? "merchant-1" : null, role == ApiRole.Terminal ? "store-1" : null),
        };

        Assert.Equal(expected, await WatchStatusAsync(program, key));
        if (role is not (ApiRole.Admin or ApiRole.Unspecified))
        {
            Assert.Equal(StatusCode.PermissionDenied, await WatchStatusAsync(other, key));
        }
    }

    /// <summary>OK if a watch delivers its first message; otherwise the status it ended with.</summary>
    private async Task<StatusCode> WatchStatusAsync(string program, string? key)
    {
        using var cancel = new CancellationTokenSource(StreamTimeout);
        using var watch = new Benefits.BenefitsClient(silo.Silo.GrpcChannel).WatchBenefits(
            new WatchBenefitsRequest { ProgramId = program }, key is null ? null : TestKeys.Authorization(key), cancellationToken: cancel.Token);
        try
        {
            Assert.True(await watch.ResponseStream.MoveNext(cancel.Token));
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
