using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>
/// Referrals over gRPC against the real silo: a member's code, enrolment with it, the reward once the referee's first
/// qualifying purchase can no longer be returned (a late upload past the program's one-day pending window is final at
/// once, so nothing waits on the clock), the void when it is returned, and the fraud rules with their reasons.
/// </summary>
public sealed class ReferralTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    private Referrals.ReferralsClient Referrals => new(silo.Silo.Channel);

    [Fact]
    public async Task A_referral_is_rewarded_when_the_referees_first_qualifying_purchase_is_final_and_a_retried_enrolment_refers_once()
    {
        var (program, ann) = await ProgramAsync();
        var code = await Referrals.GetReferralCodeAsync(new GetReferralCodeRequest { ProgramId = program, MemberId = ann });
        var again = await Referrals.GetReferralCodeAsync(new GetReferralCodeRequest { ProgramId = program, MemberId = ann });
        var enrol = new EnrollMemberRequest { RequestId = NewId("req"), ProgramId = program, MemberId = NewId("bob"), ReferralCode = code.Code.ToLowerInvariant() };

        var bob = await silo.Members.EnrollMemberAsync(enrol);
        var retried = await silo.Members.EnrollMemberAsync(enrol);
        // Below the rules' minimum spend: not the purchase the referral waits for.
        await silo.Checkout.RecordPurchaseAsync(Late(Purchase(program, enrol.MemberId, ("sock", 1, 500))));
        var first = await silo.Checkout.RecordPurchaseAsync(Late(Purchase(program, enrol.MemberId, ("coat", 1, 5000))));

        Assert.Equal(code, again);
        Assert.Matches("^[0-9A-Z]{8}$", code.Code);
        Assert.InRange(code.ExpiresAt.ToDateTime(), DateTime.UtcNow.AddDays(89), DateTime.UtcNow.AddDays(90));
        Assert.Equal(bob, retried);
        Assert.Equal((ReferralStatus.Pending, ann, code.Code, ReferralRejection.Unspecified), (bob.Referral.Status, bob.Referral.ReferrerMemberId, bob.Referral.Code, bob.Referral.Rejection));
        // 50 + 500 points of the purchases, 200 for the referral.
        Assert.Equal(750, first.Balance.Available);
        var referrals = (await Referrals.ListReferralsAsync(new ListReferralsRequest { ProgramId = program, MemberId = ann })).Referrals;
        var rewarded = Assert.Single(referrals);
        Assert.Equal((bob.Referral.ReferralId, enrol.MemberId, ReferralStatus.Rewarded, 500L), (rewarded.ReferralId, rewarded.RefereeMemberId, rewarded.Status, rewarded.ReferrerPoints));
        Assert.NotNull(rewarded.SettledAt);
        Assert.Equal(500, (await MemberAsync(program, ann)).Balance.Available);
        Assert.Equal([(LedgerEntryType.Referral, 500L, "referral")],
            (await LedgerAsync(silo, program, ann)).Where(e => e.Type == LedgerEntryType.Referral).Select(e => (e.Type, e.Points, e.Rule)));
        Assert.Equal([(LedgerEntryType.Referral, 200L, "referral")],
            (await LedgerAsync(silo, program, enrol.MemberId)).Where(e => e.Type == LedgerEntryType.Referral).Select(e => (e.Type, e.Points, e.Rule)));
    }

    [Fact]
    public async Task A_referral_whose_qualifying_purchase_is_returned_is_voided_and_rewards_nobody()
    {
        var (program, ann) = await ProgramAsync();
        var code = (await Referrals.GetReferralCodeAsync(new GetReferralCodeRequest { ProgramId = program, MemberId = ann })).Code;
        var carol = await EnrollWithAsync(program, NewId("carol"), code);
        var bought = await silo.Checkout.RecordPurchaseAsync(Purchase(program, carol, ("coat", 1, 5000))); // pending for a day

        var returned = await silo.Checkout.RecordReturnAsync(Return(program, carol, bought.TransactionId, ("coat", 1)));
        await silo.Checkout.RecordPurchaseAsync(Late(Purchase(program, carol, ("hat", 1, 5000)))); // a later purchase does not revive it

        var voided = Assert.Single((await Referrals.ListReferralsAsync(new ListReferralsRequest { ProgramId = program, MemberId = ann })).Referrals);
        Assert.Equal((ReferralStatus.Voided, ReferralRejection.PurchaseReturned, 0L), (voided.Status, voided.Rejection, voided.ReferrerPoints));
        Assert.Equal(0, returned.Balance.Available);
        Assert.Equal(0, (await MemberAsync(program, ann)).Balance.Available);
        Assert.Equal(500, (await MemberAsync(program, carol)).Balance.Available); // the hat's own points only
        Assert.DoesNotContain(await LedgerAsync(silo, program, carol), e => e.Type == LedgerEntryType.Referral);
    }

    [Fact]
    public async Task A_self_referral_by_the_referrers_own_email_is_refused_with_its_reason_and_the_cap_rejects_the_third()
    {
        var (program, ann) = await ProgramAsync();
        var code = (await Referrals.GetReferralCodeAsync(new GetReferralCodeRequest { ProgramId = program, MemberId = ann })).Code;
        await ProfileAsync(program, ann, "Ann@Example.org");
        var second = await EnrollWithAsync(program, NewId("ann2"), code); // Ann again, with another account
        await ProfileAsync(program, second, "ann@example.org");
        await silo.Checkout.RecordPurchaseAsync(Late(Purchase(program, second, ("coat", 1, 5000))));
        await EnrollWithAsync(program, NewId("dan"), code);

        var third = await silo.Members.EnrollMemberAsync(new EnrollMemberRequest { RequestId = NewId("req"), ProgramId = program, MemberId = NewId("eve"), ReferralCode = code });

        Assert.Equal((ReferralStatus.Rejected, ReferralRejection.CapReached), (third.Referral.Status, third.Referral.Rejection));
        Assert.Equal(third.Member.MemberId, third.Member.MemberId); // enrolled all the same
        var list = (await Referrals.ListReferralsAsync(new ListReferralsRequest { ProgramId = program, MemberId = ann })).Referrals;
        Assert.Equal(
            [
                (third.Member.MemberId, ReferralStatus.Rejected, ReferralRejection.CapReached),
                (list[1].RefereeMemberId, ReferralStatus.Pending, ReferralRejection.Unspecified),
                (second, ReferralStatus.Rejected, ReferralRejection.SelfReferral),
            ],
            list.Select(r => (r.RefereeMemberId, r.Status, r.Rejection)));
        Assert.Equal(0, (await MemberAsync(program, ann)).Balance.Available);
        Assert.Equal(500, (await MemberAsync(program, second)).Balance.Available); // the coat's points, no referral bonus
    }

    [Fact]
    public async Task Bad_referral_requests_are_refused_and_change_nothing()
    {
        var (program, ann) = await ProgramAsync();
        var malformed = await RefusedAsync(silo.Members.EnrollMemberAsync(new EnrollMemberRequest { RequestId = NewId("req"), ProgramId = program, MemberId = NewId("x"), ReferralCode = "no!" }));
        var unknown = await RefusedAsync(silo.Members.EnrollMemberAsync(new EnrollMemberRequest { RequestId = NewId("req"), ProgramId = program, MemberId = NewId("x"), ReferralCode = "ZZZZZZZZ" }));
        var stranger = await RefusedAsync(Referrals.GetReferralCodeAsync(new GetReferralCodeRequest { ProgramId = program, MemberId = "nobody" }));
        var badRules = await RefusedAsync(Referrals.SetReferralRulesAsync(new SetReferralRulesRequest
        {
            RequestId = NewId("req"), ProgramId = program, ReferralRules = new ReferralRules { ReferrerPoints = -1, PeriodDays = 5 },
        }));

        Assert.Equal((Grpc.Core.StatusCode.InvalidArgument, "INVALID_REQUEST", "referral_code"), (malformed.Code, malformed.Reason, string.Join(' ', malformed.Fields)));
        Assert.Equal((Grpc.Core.StatusCode.InvalidArgument, "INVALID_REQUEST", "referral_code"), (unknown.Code, unknown.Reason, string.Join(' ', unknown.Fields)));
        Assert.Equal((Grpc.Core.StatusCode.NotFound, "MEMBER_NOT_FOUND"), (stranger.Code, stranger.Reason));
        Assert.Equal((Grpc.Core.StatusCode.InvalidArgument, "referral_rules.referrer_points referral_rules.period_days"), (badRules.Code, string.Join(' ', badRules.Fields)));
        Assert.Empty((await Referrals.ListReferralsAsync(new ListReferralsRequest { ProgramId = program, MemberId = ann })).Referrals);
        var rules = (await silo.Programs.GetProgramAsync(new GetProgramRequest { ProgramId = program })).Rules.ReferralRules;
        Assert.Equal(new ReferralRules { ReferrerPoints = 500, RefereePoints = 200, MinPurchaseMinor = 1000, MaxReferralsPerPeriod = 2, PeriodDays = 30, CodeValidDays = 90 }, rules);
    }

    [Fact]
    public async Task The_programs_referrals_are_listed_newest_first_by_page_and_by_status()
    {
        var (program, ann) = await ProgramAsync();
        var code = (await Referrals.GetReferralCodeAsync(new GetReferralCodeRequest { ProgramId = program, MemberId = ann })).Code;
        var bob = await EnrollWithAsync(program, NewId("bob"), code);
        await silo.Checkout.RecordPurchaseAsync(Late(Purchase(program, bob, ("coat", 1, 5000)))); // rewarded at once
        var carol = await EnrollWithAsync(program, NewId("carol"), code); // pending
        var eve = await EnrollWithAsync(program, NewId("eve"), code); // the third in 30 days: CAP_REACHED

        var all = await ProgramReferralsAsync(new ListProgramReferralsRequest { ProgramId = program },
            r => r.Referrals.Count == 3 && r.Referrals.Any(x => x.Status == ReferralStatus.Rewarded));
        var page1 = await Referrals.ListProgramReferralsAsync(new ListProgramReferralsRequest { ProgramId = program, PageSize = 2 });
        var page2 = await Referrals.ListProgramReferralsAsync(new ListProgramReferralsRequest { ProgramId = program, PageSize = 2, PageToken = page1.NextPageToken });
        var rejected = await Referrals.ListProgramReferralsAsync(new ListProgramReferralsRequest { ProgramId = program, Status = ReferralStatus.Rejected });

        Assert.Equal(
            [(eve, ReferralStatus.Rejected, ReferralRejection.CapReached, 0L), (carol, ReferralStatus.Pending, ReferralRejection.Unspecified, 0L),
             (bob, ReferralStatus.Rewarded, ReferralRejection.Unspecified, 500L)],
            all.Referrals.Select(r => (r.RefereeMemberId, r.Status, r.Rejection, r.ReferrerPoints)));
        Assert.All(all.Referrals, r => Assert.Equal((ann, code), (r.ReferrerMemberId, r.Code)));
        Assert.Equal("", all.NextPageToken);
        // The member's own list (its journal) and the program's (the projection) say the same.
        Assert.Equal((await Referrals.ListReferralsAsync(new ListReferralsRequest { ProgramId = program, MemberId = ann })).Referrals
            .Select(r => (r.ReferralId, r.Status, r.Rejection, r.ReferrerPoints)), all.Referrals.Select(r => (r.ReferralId, r.Status, r.Rejection, r.ReferrerPoints)));
        Assert.Equal([eve, carol], page1.Referrals.Select(r => r.RefereeMemberId));
        Assert.NotEqual("", page1.NextPageToken);
        Assert.Equal([bob], page2.Referrals.Select(r => r.RefereeMemberId));
        Assert.Equal("", page2.NextPageToken);
        Assert.Equal([eve], rejected.Referrals.Select(r => r.RefereeMemberId));

        var bad = await RefusedAsync(Referrals.ListProgramReferralsAsync(new ListProgramReferralsRequest
        {
            ProgramId = program, PageSize = 501, PageToken = "not-a-token", Status = (ReferralStatus)99,
        }));
        Assert.Equal((Grpc.Core.StatusCode.InvalidArgument, "INVALID_REQUEST", "page_size status page_token"), (bad.Code, bad.Reason, string.Join(' ', bad.Fields)));
    }

    [Fact]
    public async Task A_referee_with_another_members_email_is_refused_as_already_a_member_when_the_reward_falls_due()
    {
        var (program, ann) = await ProgramAsync();
        var code = (await Referrals.GetReferralCodeAsync(new GetReferralCodeRequest { ProgramId = program, MemberId = ann })).Code;
        var frank = await EnrollAsync(silo, program);
        await ProfileAsync(program, frank, "frank@example.org");
        var again = await EnrollWithAsync(program, NewId("frank2"), code); // Frank, as a new member, with Ann's code
        // The contact-digest table is the insights projection's: wait until it has passed the referral (and so Frank's email).
        await ProgramReferralsAsync(new ListProgramReferralsRequest { ProgramId = program }, r => r.Referrals.Count == 1);
        await ProfileAsync(program, again, "Frank@Example.org");

        var bought = await silo.Checkout.RecordPurchaseAsync(Late(Purchase(program, again, ("coat", 1, 5000))));

        var refused = Assert.Single((await Referrals.ListReferralsAsync(new ListReferralsRequest { ProgramId = program, MemberId = ann })).Referrals);
        Assert.Equal((again, ReferralStatus.Rejected, ReferralRejection.AlreadyAMember, 0L),
            (refused.RefereeMemberId, refused.Status, refused.Rejection, refused.ReferrerPoints));
        Assert.Equal(500, bought.Balance.Available); // the coat's points, no referral bonus
        Assert.Equal(0, (await MemberAsync(program, ann)).Balance.Available);
        Assert.DoesNotContain(await LedgerAsync(silo, program, again), e => e.Type == LedgerEntryType.Referral);
        var listed = await ProgramReferralsAsync(new ListProgramReferralsRequest { ProgramId = program, Status = ReferralStatus.Rejected }, r => r.Referrals.Count == 1);
        Assert.Equal(ReferralRejection.AlreadyAMember, listed.Referrals[0].Rejection);
    }

    /// <summary>The program's list once the insights projection shows what <paramref name="done"/> waits for (it polls every second).</summary>
    private async Task<ListProgramReferralsResponse> ProgramReferralsAsync(ListProgramReferralsRequest request, Func<ListProgramReferralsResponse, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await Referrals.ListProgramReferralsAsync(request);
            if (done(response) || DateTime.UtcNow > deadline)
            {
                return response;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>A program with a one-day pending window and referral rules (500 / 200 points, from 10 EUR, 2 per 30 days, codes for 90 days), and its referrer.</summary>
    private async Task<(string Program, string Referrer)> ProgramAsync()
    {
        var program = await CreateProgramAsync(silo);
        await silo.Programs.SetEarningRulesAsync(new SetEarningRulesRequest
        {
            RequestId = NewId("req"), ProgramId = program, EarningRules = new EarningRules { PendingPeriod = Duration.FromTimeSpan(TimeSpan.FromDays(1)) },
        });
        var set = await Referrals.SetReferralRulesAsync(new SetReferralRulesRequest
        {
            RequestId = NewId("req"), ProgramId = program,
            ReferralRules = new ReferralRules { ReferrerPoints = 500, RefereePoints = 200, MinPurchaseMinor = 1000, MaxReferralsPerPeriod = 2, PeriodDays = 30, CodeValidDays = 90 },
        });
        Assert.Equal(500, set.ReferralRules.ReferrerPoints);
        return (program, await EnrollAsync(silo, program));
    }

    private async Task<string> EnrollWithAsync(string program, string memberId, string code)
    {
        var enrolled = await silo.Members.EnrollMemberAsync(new EnrollMemberRequest { RequestId = NewId("req"), ProgramId = program, MemberId = memberId, ReferralCode = code });
        return enrolled.Member.MemberId;
    }

    private Task ProfileAsync(string program, string member, string email) =>
        silo.Members.UpdateProfileAsync(new UpdateProfileRequest { RequestId = NewId("req"), ProgramId = program, MemberId = member, Email = email }).ResponseAsync;

    private async Task<Member> MemberAsync(string program, string member) =>
        (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member;

    /// <summary>Uploaded late (25 hours after it happened, within the offline window): past the one-day pending window, so final at once.</summary>
    private static RecordPurchaseRequest Late(RecordPurchaseRequest request)
    {
        request.OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow.AddHours(-25));
        return request;
    }

    private static RecordReturnRequest Return(string programId, string memberId, string transactionId, params (string Sku, long Quantity)[] lines)
    {
        var request = new RecordReturnRequest
        {
            RequestId = NewId("req"), ProgramId = programId, MemberId = memberId, TransactionId = transactionId, MerchantId = "merchant-1",
        };
        request.Lines.AddRange(lines.Select(l => new ReturnLine { Sku = l.Sku, Quantity = l.Quantity }));
        return request;
    }
}
