using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>
/// Segments over gRPC against the real silo: members enter and leave as their facts change (a purchase, a return),
/// the counts and pages of the projection follow, a promotion for a segment applies only to its members, and refused
/// definitions change nothing. Time-based flips (windows, days since the last purchase) are the domain tests'.
/// </summary>
public sealed class SegmentTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    private Segments.SegmentsClient Segments => new(silo.Silo.Channel);

    [Fact]
    public async Task Members_enter_and_leave_as_purchases_and_returns_change_their_facts_and_counts_and_pages_follow()
    {
        var program = await CreateProgramAsync(silo);
        var define = Define(program, "rich", new SegmentConditions { MinPoints = 500 });
        var rich = await Segments.DefineSegmentAsync(define);
        var retried = await Segments.DefineSegmentAsync(define);
        await Segments.DefineSegmentAsync(Define(program, "buyers", new SegmentConditions { WindowDays = 30, MinPurchases = 1 }));
        var ann = await EnrollAsync(silo, program);
        var bob = await EnrollAsync(silo, program);
        var cat = await EnrollAsync(silo, program);

        var big = await silo.Checkout.RecordPurchaseAsync(Purchase(program, ann, ("coat", 1, 10_000))); // 1,000 points
        await silo.Checkout.RecordPurchaseAsync(Purchase(program, bob, ("sock", 1, 1_000))); // 100 points
        await silo.Checkout.RecordPurchaseAsync(Purchase(program, cat, ("hat", 1, 2_000)));

        Assert.Equal(rich, retried);
        Assert.Equal(("rich", 500L), (rich.Segment.SegmentId, rich.Segment.Conditions.MinPoints));
        Assert.Equal(["buyers", "rich"], await MemberSegmentsAsync(program, ann));
        Assert.Equal(["buyers"], await MemberSegmentsAsync(program, bob));
        var counted = await EventuallyAsync(() => CountsAsync(program), c => c == "rich=1 buyers=3");
        Assert.Equal("rich=1 buyers=3", counted);

        // Paged by member_id, for exports: two pages (of two and one), the last without a token.
        var members = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await Segments.ListSegmentMembersAsync(new ListSegmentMembersRequest
            {
                ProgramId = program, SegmentId = "buyers", PageSize = 2, PageToken = token,
            });
            members.AddRange(page.MemberIds);
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);
        Assert.Equal(new[] { ann, bob, cat }.Order(StringComparer.Ordinal), members);
        Assert.Equal(2, pages);

        // The return takes ann's points below 500 and her only purchase out of the window: she leaves both.
        await silo.Checkout.RecordReturnAsync(new RecordReturnRequest
        {
            RequestId = NewId("req"), ProgramId = program, MemberId = ann, TransactionId = big.TransactionId, MerchantId = "merchant-1",
            Lines = { new ReturnLine { Sku = "coat", Quantity = 1 } },
        });

        Assert.Empty(await MemberSegmentsAsync(program, ann));
        Assert.Equal("rich=0 buyers=2", await EventuallyAsync(() => CountsAsync(program), c => c == "rich=0 buyers=2"));
        var audit = await silo.Programs.ListAuditEntriesAsync(new ListAuditEntriesRequest { ProgramId = program });
        Assert.Equal(2, audit.Entries.Count(e => e.Change == "SegmentDefined"));
    }

    [Fact]
    public async Task A_promotion_for_a_segment_applies_only_to_members_in_it()
    {
        var program = await CreateProgramAsync(silo);
        await Segments.DefineSegmentAsync(Define(program, "regulars", new SegmentConditions { WindowDays = 30, MinPurchases = 1 }));
        var promotion = new CreatePromotionRequest
        {
            RequestId = NewId("req"), ProgramId = program, PromotionId = "regulars-double", Name = "Double points for regulars",
            StartsAt = Timestamp.FromDateTime(DateTime.UtcNow.AddMinutes(-1)), EndsAt = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(1)),
            Multiplier = new MultiplierRule { MultiplierPercent = 200 },
            SegmentIds = { "regulars" },
        };
        var unknown = promotion.Clone();
        unknown.SegmentIds[0] = "nobody";
        var regular = await EnrollAsync(silo, program);
        var newcomer = await EnrollAsync(silo, program);

        Assert.Equal("InvalidArgument INVALID_REQUEST [segment_ids[0]]",
            Flat(await RefusedAsync(silo.Programs.CreatePromotionAsync(unknown))));
        var created = await silo.Programs.CreatePromotionAsync(promotion);
        var first = await silo.Checkout.RecordPurchaseAsync(Purchase(program, regular, ("book", 1, 1_000)));
        var second = await silo.Checkout.RecordPurchaseAsync(Purchase(program, regular, ("book", 1, 1_000)));
        var outside = await silo.Checkout.RecordPurchaseAsync(Purchase(program, newcomer, ("book", 1, 1_000)));

        Assert.Equal(["regulars"], created.Promotion.SegmentIds);
        // The first purchase is priced before it makes the member a regular; the second doubles.
        Assert.Equal(100, first.PointsEarned);
        Assert.Equal(200, second.PointsEarned);
        Assert.Contains(second.Breakdown, b => b.Rule == "promotion:regulars-double" || b.Rule.Contains("regulars-double", StringComparison.Ordinal));
        // The newcomer's purchase makes it a regular too, but only after it was priced.
        Assert.Equal(100, outside.PointsEarned);
        Assert.Equal(["regulars"], await MemberSegmentsAsync(program, newcomer));
    }

    [Fact]
    public async Task Consent_nps_merchants_visited_and_rfm_conditions_follow_what_the_member_does_over_grpc()
    {
        var program = await CreateProgramAsync(silo);
        await Segments.DefineSegmentAsync(Define(program, "email-promoters", new SegmentConditions
        {
            ConsentedChannels = { ConsentChannel.Email }, NpsCategories = { NpsCategory.Promoter },
        }));
        await Segments.DefineSegmentAsync(Define(program, "two-shops", new SegmentConditions { MinMerchantsVisited = 2 }));
        await Segments.DefineSegmentAsync(Define(program, "champions", new SegmentConditions
        {
            WindowDays = 365,
            Rfm = new RfmBands
            {
                RecencyDays = { 7, 30, 90, 180 }, FrequencyPurchases = { 1, 2, 3, 4 }, MonetaryMinor = { 1_000, 2_000, 5_000, 10_000 },
                MinRecency = 5, MinFrequency = 3, MinMonetary = 3,
            },
        }));
        var member = await EnrollAsync(silo, program);
        SetConsentRequest Consent(bool granted) => new()
        {
            RequestId = NewId("req"), ProgramId = program, MemberId = member, Channel = ConsentChannel.Email, Granted = granted, Source = ConsentSource.App,
        };

        var first = await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("bread", 1, 1_000)));
        Assert.Empty(await MemberSegmentsAsync(program, member));
        var elsewhere = Purchase(program, member, ("tulips", 1, 1_000));
        elsewhere.MerchantId = "merchant-2";
        await silo.Checkout.RecordPurchaseAsync(elsewhere);
        // Two merchants; F 3 (two purchases), M 3 (20.00), R 5 (today).
        Assert.Equal(["champions", "two-shops"], (await MemberSegmentsAsync(program, member)).Order(StringComparer.Ordinal));

        await silo.Members.SetConsentAsync(Consent(granted: true));
        Assert.DoesNotContain("email-promoters", await MemberSegmentsAsync(program, member));
        await new Feedback.FeedbackClient(silo.Silo.Channel).SubmitFeedbackAsync(new SubmitFeedbackRequest
        {
            RequestId = NewId("fb"), ProgramId = program, MemberId = member, TransactionId = first.TransactionId, MerchantId = "merchant-1",
            StoreId = "store-1", Channel = FeedbackChannel.App, Nps = 10,
        });
        Assert.Contains("email-promoters", await MemberSegmentsAsync(program, member));
        Assert.Equal("email-promoters=1 two-shops=1 champions=1",
            await EventuallyAsync(() => CountsAsync(program), c => c == "email-promoters=1 two-shops=1 champions=1"));

        // Withdrawing the consent takes the member out again.
        await silo.Members.SetConsentAsync(Consent(granted: false));
        Assert.DoesNotContain("email-promoters", await MemberSegmentsAsync(program, member));
        var listed = await Segments.ListSegmentsAsync(new ListSegmentsRequest { ProgramId = program });
        Assert.Equal(5, listed.Segments.Single(s => s.SegmentId == "champions").Conditions.Rfm.MinRecency);
        Assert.Equal([ConsentChannel.Email], listed.Segments.Single(s => s.SegmentId == "email-promoters").Conditions.ConsentedChannels);
    }

    [Fact]
    public async Task Refused_definitions_name_every_bad_field_change_nothing_and_unknown_segments_and_tokens_are_refused()
    {
        var program = await CreateProgramAsync(silo);
        await Segments.DefineSegmentAsync(Define(program, "rich", new SegmentConditions { MinPoints = 500 }));
        var bad = Define(program, "bad id!", new SegmentConditions { MinPoints = 10, MaxPoints = 5, MinPurchases = 1, BirthdayMonths = { 13 } });
        bad.Name = "";

        var refused = await RefusedAsync(Segments.DefineSegmentAsync(bad));
        var unknownTier = await RefusedAsync(Segments.DefineSegmentAsync(Define(program, "gold", new SegmentConditions { TierIds = { "gold" } })));
        var reused = Define(program, "other", new SegmentConditions());
        await Segments.DefineSegmentAsync(reused);
        reused.Name = "Another name";
        var reuse = await RefusedAsync(Segments.DefineSegmentAsync(reused));
        var notFound = await RefusedAsync(Segments.ListSegmentMembersAsync(new ListSegmentMembersRequest { ProgramId = program, SegmentId = "nope" }));
        var badToken = await RefusedAsync(Segments.ListSegmentMembersAsync(new ListSegmentMembersRequest
        {
            ProgramId = program, SegmentId = "rich", PageToken = "not-a-token", PageSize = 5000,
        }));
        var noMember = await RefusedAsync(Segments.GetMemberSegmentsAsync(new GetMemberSegmentsRequest { ProgramId = program, MemberId = "nobody" }));

        Assert.Equal("InvalidArgument INVALID_REQUEST [segment_id, name, conditions.max_points, conditions.window_days, conditions.birthday_months[0]]",
            Flat(refused));
        Assert.Equal("InvalidArgument INVALID_REQUEST [conditions.tier_ids[0]]", Flat(unknownTier));
        Assert.Equal((StatusCode.AlreadyExists, "REQUEST_ID_REUSED"), (reuse.Code, reuse.Reason));
        Assert.Equal((StatusCode.NotFound, "SEGMENT_NOT_FOUND"), (notFound.Code, notFound.Reason));
        Assert.Equal("InvalidArgument INVALID_REQUEST [page_size, page_token]", Flat(badToken));
        Assert.Equal((StatusCode.NotFound, "MEMBER_NOT_FOUND"), (noMember.Code, noMember.Reason));
        var listed = await Segments.ListSegmentsAsync(new ListSegmentsRequest { ProgramId = program });
        Assert.Equal(["rich", "other"], listed.Segments.Select(s => s.SegmentId));
        Assert.Equal("Segment other", listed.Segments[1].Name);
        var rules = (await silo.Programs.GetProgramAsync(new GetProgramRequest { ProgramId = program })).Rules;
        Assert.Equal(["rich", "other"], rules.Segments.Select(s => s.SegmentId));
    }

    private static DefineSegmentRequest Define(string program, string segmentId, SegmentConditions conditions) => new()
    {
        RequestId = NewId("req"), ProgramId = program, SegmentId = segmentId, Name = "Segment " + segmentId, Conditions = conditions,
    };

    /// <summary>A refusal as one string, so its field list compares by value.</summary>
    private static string Flat((StatusCode Code, string Reason, IReadOnlyList<string> Fields) refusal) =>
        $"{refusal.Code} {refusal.Reason} [{string.Join(", ", refusal.Fields)}]";

    private async Task<string[]> MemberSegmentsAsync(string program, string member) =>
        [.. (await Segments.GetMemberSegmentsAsync(new GetMemberSegmentsRequest { ProgramId = program, MemberId = member })).SegmentIds];

    private async Task<string> CountsAsync(string program) =>
        string.Join(" ", (await Segments.ListSegmentsAsync(new ListSegmentsRequest { ProgramId = program })).Segments.Select(s => $"{s.SegmentId}={s.MemberCount}"));

    /// <summary>The projection trails the journal by its poll interval: ask until <paramref name="done"/> holds.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }
            await Task.Delay(100);
        }
    }
}
