using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>Members.ImportMembers over gRPC against the real silo on PostgreSQL, the backend imports are sized for.</summary>
public sealed class ImportTests(PostgresSiloFixture silo) : IClassFixture<PostgresSiloFixture>
{
    private static readonly DateTime Joined = new(2021, 3, 14, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Imported_members_are_found_by_id_and_card_with_their_tier_and_opening_balance_and_earn_on_top()
    {
        var program = await ProgramWithGoldAsync();
        var (ann, bob, cat) = (NewId("ann"), NewId("bob"), NewId("cat"));
        var card = NewId("card");

        var response = await ImportAsync(
            Member(program, ann, cardAlias: card),
            Member(program, bob, tierId: "gold"),
            Member(program, cat, points: 1200, reason: "Balance from the old card scheme"));

        Assert.Equal(new ImportMembersResponse { Received = 3, Imported = 3 }, response);
        var found = (await silo.Members.LookupMemberAsync(new LookupMemberRequest { ProgramId = program, CardAlias = card })).Member;
        Assert.Equal((ann, card, Timestamp.FromDateTime(Joined)), (found.MemberId, found.CardAlias, found.EnrolledAt));
        var gold = await GetAsync(program, bob);
        Assert.Equal("gold", gold.Tier.TierId);
        Assert.Equal(gold.TierSince.ToDateTime().AddMonths(6), gold.TierReviewAt.ToDateTime());
        Assert.InRange(gold.TierSince.ToDateTime(), DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow);
        var opening = Assert.Single(await LedgerAsync(silo, program, cat));
        Assert.Equal((LedgerEntryType.OpeningBalance, "import", 1200L, 1200L, "import-1"),
            (opening.Type, opening.Rule, opening.Points, opening.AvailableDelta, opening.RequestId));
        Assert.Equal("Opening balance of 1200 points imported: Balance from the old card scheme", opening.Description);
        Assert.Equal(Timestamp.FromDateTime(Joined), opening.OccurredAt);

        // 20.00 EUR at 10 points per EUR.
        await silo.Checkout.RecordPurchaseAsync(Purchase(program, cat, ("shirt", 1, 2000)));

        var balance = (await GetAsync(program, cat)).Balance;
        Assert.Equal((1400L, 1400L), (balance.Available, balance.LifetimeEarned));
        var ledger = await LedgerAsync(silo, program, cat);
        Assert.Equal(balance.Available + balance.Held + balance.Pending, ledger.Sum(e => e.Points));
    }

    [Fact]
    public async Task The_same_stream_sent_again_changes_nothing_and_reports_every_member_unchanged()
    {
        var program = await ProgramWithGoldAsync();
        var members = new[]
        {
            Member(program, NewId("ann"), cardAlias: NewId("card")),
            Member(program, NewId("bob"), tierId: "gold"),
            Member(program, NewId("cat"), points: 1200, reason: "legacy"),
        };
        await ImportAsync(members);
        await silo.Checkout.RecordPurchaseAsync(Purchase(program, members[2].MemberId, ("shirt", 1, 2000)));
        var before = await Task.WhenAll(members.Select(m => GetAsync(program, m.MemberId)));

        var again = await ImportAsync(members.Select(m => m.Clone()).Select(m => { m.ImportId = "import-2"; return m; }).ToArray());

        Assert.Equal(new ImportMembersResponse { Received = 3, Unchanged = 3 }, again);
        Assert.Equal(before, await Task.WhenAll(members.Select(m => GetAsync(program, m.MemberId))));
        Assert.Equal(2, (await LedgerAsync(silo, program, members[2].MemberId)).Count);
    }

    [Fact]
    public async Task Members_that_exist_otherwise_taken_cards_and_bad_messages_fail_one_by_one_with_a_reason()
    {
        var program = await ProgramWithGoldAsync();
        var imported = Member(program, NewId("ann"), points: 100, reason: "legacy");
        await ImportAsync(imported);
        var enrolledCard = NewId("card");
        var enrolled = (await silo.Members.EnrollMemberAsync(new EnrollMemberRequest
        {
            RequestId = NewId("req"), ProgramId = program, MemberId = NewId("enr"), CardAlias = enrolledCard,
        })).Member.MemberId;
        var sharedCard = NewId("card");
        var changed = imported.Clone();
        changed.OpeningPoints = 999;
        var future = Member(program, NewId("fut"));
        future.EnrolledAt = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(1));
        var broken = Member(program, NewId("bad"));
        broken.EnrolledAt = new Timestamp { Seconds = long.MaxValue };

        var response = await ImportAsync(
            changed,                                                        // 0: imported before with other content
            Member(program, enrolled),                                      // 1: enrolled by EnrollMember
            Member(program, NewId("dan"), cardAlias: enrolledCard),         // 2: card of the enrolled member
            Member(program, NewId("eve"), cardAlias: sharedCard),           // 3: imported
            Member(program, NewId("fay"), cardAlias: sharedCard),           // 4: the card eve got just before
            Member(program, "", points: -5),                                // 5: no member_id, negative points
            Member(program, NewId("gus"), tierId: "platinum"),              // 6: no such tier
            future,                                                         // 7
            broken,                                                         // 8: not a timestamp
            Member(program, NewId("hal")));                                 // 9: imported

        Assert.Equal((10L, 2L, 0L, 8L), (response.Received, response.Imported, response.Unchanged, response.Failed));
        Assert.Equal(
        [
            (0L, "MEMBER_ALREADY_ENROLLED", ""),
            (1L, "MEMBER_ALREADY_ENROLLED", ""),
            (2L, "CARD_ALIAS_TAKEN", ""),
            (4L, "CARD_ALIAS_TAKEN", ""),
            (5L, "INVALID_REQUEST", "member_id opening_points"),
            (6L, "INVALID_REQUEST", "tier_id"),
            (7L, "INVALID_REQUEST", "enrolled_at"),
            (8L, "INVALID_REQUEST", "enrolled_at"),
        ], response.Failures.Select(f => (f.Index, f.Reason, string.Join(' ', f.FieldViolations.Select(v => v.Field)))));
        Assert.Contains("with a different opening_points", response.Failures[0].Message);
        Assert.Contains("'platinum' is not a tier of program", response.Failures[5].Message);
        Assert.Equal(100, (await GetAsync(program, imported.MemberId)).Balance.Available);
        var eve = (await silo.Members.LookupMemberAsync(new LookupMemberRequest { ProgramId = program, CardAlias = sharedCard })).Member;
        Assert.StartsWith("eve", eve.MemberId);
        Assert.Equal(StatusCode.NotFound, await StatusOfGetAsync(program, response.Failures[3].MemberId));
    }

    [Fact]
    public async Task An_imported_card_cannot_be_taken_by_a_later_enrolment_and_grains_active_before_the_import_see_it()
    {
        var program = await ProgramWithGoldAsync();
        var (ann, card) = (NewId("ann"), NewId("card"));
        // Both grains are active and have read empty journals.
        Assert.Equal(StatusCode.NotFound, await StatusOfGetAsync(program, ann));
        var notFound = await Assert.ThrowsAsync<RpcException>(() =>
            silo.Members.LookupMemberAsync(new LookupMemberRequest { ProgramId = program, CardAlias = card }).ResponseAsync);
        Assert.Equal("CARD_NOT_FOUND", Refusal(notFound).Reason);

        await ImportAsync(Member(program, ann, cardAlias: card, points: 50, reason: "legacy"));

        Assert.Equal(50, (await GetAsync(program, ann)).Balance.Available);
        Assert.Equal(ann, (await silo.Members.LookupMemberAsync(new LookupMemberRequest { ProgramId = program, CardAlias = card })).Member.MemberId);
        var taken = await RefusedAsync(silo.Members.EnrollMemberAsync(new EnrollMemberRequest
        {
            RequestId = NewId("req"), ProgramId = program, MemberId = NewId("bob"), CardAlias = card,
        }));
        Assert.Equal((StatusCode.AlreadyExists, "CARD_ALIAS_TAKEN"), (taken.Code, taken.Reason));
        var again = await RefusedAsync(silo.Members.EnrollMemberAsync(new EnrollMemberRequest
        {
            RequestId = NewId("req"), ProgramId = program, MemberId = ann,
        }));
        Assert.Equal((StatusCode.AlreadyExists, "MEMBER_ALREADY_ENROLLED"), (again.Code, again.Reason));
    }

    [Fact]
    public async Task Only_the_first_messages_program_can_fail_the_whole_call_and_an_empty_stream_imports_nothing()
    {
        var program = await ProgramWithGoldAsync();

        var unknown = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(Member("no-such-program", NewId("ann"))));
        var missing = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(Member("", NewId("ann"))));
        var other = await ImportAsync(Member(program, NewId("ann")), Member("no-such-program", NewId("bob")));
        var empty = await ImportAsync();

        Assert.Equal((StatusCode.NotFound, "PROGRAM_NOT_FOUND"), (unknown.StatusCode, Refusal(unknown).Reason));
        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST", "program_id"),
            (missing.StatusCode, Refusal(missing).Reason, string.Join(' ', Refusal(missing).Fields)));
        Assert.Equal((2L, 1L, 1L), (other.Received, other.Imported, other.Failed));
        Assert.Equal(["program_id"], other.Failures.Single().FieldViolations.Select(v => v.Field));
        Assert.Equal(new ImportMembersResponse(), empty);
    }

    private async Task<string> ProgramWithGoldAsync()
    {
        var program = await CreateProgramAsync(silo);
        await silo.Programs.SetTierPolicyAsync(new SetTierPolicyRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            TierPolicy = new TierPolicy { Metric = TierMetric.QualifyingSpend, WindowMonths = 12, ReviewMonths = 6, GraceDays = 30 },
        });
        await silo.Programs.UpsertTierAsync(new UpsertTierRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            Tier = new Tier { TierId = "gold", Name = "Gold", Threshold = 100_000, EarnMultiplierPercent = 150 },
        });
        return program;
    }

    private static ImportMemberRequest Member(string program, string memberId, string cardAlias = "", long points = 0, string reason = "",
        string tierId = "") => new()
    {
        ImportId = "import-1",
        ProgramId = program,
        MemberId = memberId,
        CardAlias = cardAlias,
        EnrolledAt = Timestamp.FromDateTime(Joined),
        OpeningPoints = points,
        OpeningReason = reason,
        TierId = tierId,
    };

    private async Task<ImportMembersResponse> ImportAsync(params ImportMemberRequest[] members)
    {
        using var call = silo.Members.ImportMembers();
        foreach (var member in members)
        {
            await call.RequestStream.WriteAsync(member);
        }
        await call.RequestStream.CompleteAsync();
        return await call;
    }

    private async Task<Member> GetAsync(string program, string memberId) =>
        (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = memberId })).Member;

    private async Task<StatusCode> StatusOfGetAsync(string program, string memberId)
    {
        try
        {
            await GetAsync(program, memberId);
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
