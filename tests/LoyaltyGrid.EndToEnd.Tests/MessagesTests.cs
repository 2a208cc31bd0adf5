using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>
/// Member messages over gRPC against the real silo: the policy's refusals and audit, caps and consent with their counted
/// drops, quiet hours holding a message, and the stream resumed from a cursor after a kill -9 with nothing lost. The
/// silo's clock is real: quiet hours are set around the current UTC time for a member without a time zone.
/// </summary>
public sealed class MessagesTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_policy_is_set_once_per_request_id_audited_shown_in_the_rules_and_a_refused_one_changes_nothing()
    {
        var program = await Pos.CreateProgramAsync(silo);
        var messages = new Messages.MessagesClient(silo.Silo.Channel);
        var set = new SetMessagingPolicyRequest
        {
            RequestId = Pos.NewId("req"),
            ProgramId = program,
            MessagingPolicy = new MessagingPolicy { QuietHoursStartMinute = 1320, QuietHoursEndMinute = 480, MaxPerDay = 2, MaxPerWeek = 5 },
        };

        var first = await messages.SetMessagingPolicyAsync(set);
        var retried = await messages.SetMessagingPolicyAsync(set);
        var invalid = await Pos.RefusedAsync(messages.SetMessagingPolicyAsync(new SetMessagingPolicyRequest
        {
            RequestId = Pos.NewId("req"),
            ProgramId = program,
            MessagingPolicy = new MessagingPolicy { QuietHoursStartMinute = 1440, MaxPerDay = -1, ExpiryWarningDays = 31 },
        }));
        var missing = await Pos.RefusedAsync(messages.SetMessagingPolicyAsync(new SetMessagingPolicyRequest { RequestId = Pos.NewId("req"), ProgramId = program }));
        var reused = await Pos.RefusedAsync(messages.SetMessagingPolicyAsync(new SetMessagingPolicyRequest(set) { MessagingPolicy = new MessagingPolicy() }));
        var unknown = await Pos.RefusedAsync(messages.GetMessagingStatsAsync(new GetMessagingStatsRequest { ProgramId = Pos.NewId("prog") }));
        var rules = (await silo.Programs.GetProgramAsync(new GetProgramRequest { ProgramId = program })).Rules;
        var audit = await silo.Programs.ListAuditEntriesAsync(new ListAuditEntriesRequest { ProgramId = program });

        Assert.Equal(set.MessagingPolicy, first.MessagingPolicy);
        Assert.Equal(first, retried);
        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST",
            "messaging_policy.quiet_hours_start_minute, messaging_policy.max_per_day, messaging_policy.expiry_warning_days"),
            (invalid.Code, invalid.Reason, string.Join(", ", invalid.Fields)));
        Assert.Equal((StatusCode.InvalidArgument, "messaging_policy"), (missing.Code, string.Join(", ", missing.Fields)));
        Assert.Equal((StatusCode.AlreadyExists, "REQUEST_ID_REUSED"), (reused.Code, reused.Reason));
        Assert.Equal((StatusCode.NotFound, "PROGRAM_NOT_FOUND"), (unknown.Code, unknown.Reason));
        Assert.Equal(set.MessagingPolicy, rules.MessagingPolicy);
        Assert.Equal(["MessagingPolicySet"], audit.Entries.Where(e => e.Change == "MessagingPolicySet").Select(e => e.Change));
    }

    [Fact]
    public async Task A_marketing_message_over_the_daily_cap_or_without_consent_is_not_delivered_and_counted_and_receipts_are_never_capped()
    {
        var program = await Pos.CreateProgramAsync(silo);
        await new Messages.MessagesClient(silo.Silo.Channel).SetMessagingPolicyAsync(new SetMessagingPolicyRequest
        {
            RequestId = Pos.NewId("req"),
            ProgramId = program,
            MessagingPolicy = new MessagingPolicy { MaxPerDay = 1, MaxPerWeek = 10 },
        });
        var ann = await ConsentingMemberAsync(program);
        var bob = await Pos.EnrollAsync(silo, program);   // no profile, no consent
        var first = await silo.Checkout.RecordPurchaseAsync(Pos.Purchase(program, ann, ("sku-1", 1, 10_00)));
        var second = await silo.Checkout.RecordPurchaseAsync(Pos.Purchase(program, ann, ("sku-1", 1, 20_00)));
        await silo.Checkout.RecordPurchaseAsync(Pos.Purchase(program, bob, ("sku-1", 1, 5_00)));

        var stream = await ReadAsync(silo.Silo.Channel, program, 0, count: 3);
        var stats = await StatsEventuallyAsync(program, s => s.Counts.Sum(c => c.Count) == 6);

        Assert.Equal(
            [(1L, ann, MessageKind.PointsEarned, first.TransactionId), (2L, ann, MessageKind.FeedbackRequest, first.TransactionId),
             (3L, ann, MessageKind.PointsEarned, second.TransactionId)],
            stream.Select(m => (m.Sequence, m.MemberId, m.Kind, m.Data["transaction_id"])));
        Assert.Equal([ConsentChannel.Email, ConsentChannel.Sms], stream[0].Channels);   // a receipt: every reachable channel
        Assert.Equal([ConsentChannel.Email], stream[1].Channels);                      // marketing: the consented one
        Assert.Equal("100", stream[0].Data["points"]);
        Assert.Equal(
            [(MessageKind.PointsEarned, MessageOutcome.Delivered, 2L), (MessageKind.PointsEarned, MessageOutcome.DroppedNoChannel, 1L),
             (MessageKind.FeedbackRequest, MessageOutcome.Delivered, 1L), (MessageKind.FeedbackRequest, MessageOutcome.DroppedNoConsent, 1L),
             (MessageKind.FeedbackRequest, MessageOutcome.DroppedDailyCap, 1L)],
            stats.Counts.Select(c => (c.Kind, c.Outcome, c.Count)));
        // Nothing more was delivered: the capped request is not in the outbox.
        Assert.Empty(await ReadAsync(silo.Silo.Channel, program, 3, count: 1, wait: TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task A_new_offer_messages_each_member_it_names_through_the_gate_and_an_offer_to_a_segment_once_for_the_program()
    {
        var program = await Pos.CreateProgramAsync(silo);
        var ann = await ConsentingMemberAsync(program);
        var bob = await Pos.EnrollAsync(silo, program);   // no consent: dropped, counted
        await new Segments.SegmentsClient(silo.Silo.Channel).DefineSegmentAsync(new DefineSegmentRequest
        {
            RequestId = Pos.NewId("req"), ProgramId = program, SegmentId = "everyone", Name = "Everyone", Conditions = new SegmentConditions(),
        });
        var offers = new Offers.OffersClient(silo.Silo.Channel);
        OfferDefinition Offer(string offerId) => new()
        {
            OfferId = offerId, Name = "200 points on us", BonusPoints = new BonusPointsOffer { Points = 200 },
            ValidUntil = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(7)),
        };
        var named = Offer("for-two");
        named.MemberIds.AddRange([ann, bob]);
        var wide = Offer("for-all");
        wide.SegmentIds.Add("everyone");

        await offers.CreateOfferAsync(new CreateOfferRequest { RequestId = Pos.NewId("req"), ProgramId = program, Offer = named });
        await offers.CreateOfferAsync(new CreateOfferRequest { RequestId = Pos.NewId("req"), ProgramId = program, Offer = wide });
        var stream = await ReadAsync(silo.Silo.Channel, program, 0, count: 2);
        var stats = await StatsEventuallyAsync(program, s => s.Counts.Sum(c => c.Count) == 3);

        Assert.Equal([(ann, "for-two", ""), ("", "for-all", "everyone")],
            stream.Select(m => (m.MemberId, m.Data["offer_id"], m.Data.GetValueOrDefault("segment_ids", ""))));
        Assert.All(stream, m => Assert.Equal(MessageKind.NewOffer, m.Kind));
        Assert.Equal([ConsentChannel.Email], stream[0].Channels);
        Assert.Equal([(MessageOutcome.Delivered, 2L), (MessageOutcome.DroppedNoConsent, 1L)],
            stats.Counts.Where(c => c.Kind == MessageKind.NewOffer).Select(c => (c.Outcome, c.Count)));
    }

    [Fact]
    public async Task A_marketing_message_in_the_members_quiet_hours_is_held_while_a_receipt_goes_out_at_once()
    {
        var program = await Pos.CreateProgramAsync(silo);
        var minute = DateTime.UtcNow.Hour * 60 + DateTime.UtcNow.Minute;
        await new Messages.MessagesClient(silo.Silo.Channel).SetMessagingPolicyAsync(new SetMessagingPolicyRequest
        {
            RequestId = Pos.NewId("req"),
            ProgramId = program,
            // Quiet from an hour ago to two hours from now, in UTC (the member has no time zone).
            MessagingPolicy = new MessagingPolicy { QuietHoursStartMinute = (minute + 1380) % 1440, QuietHoursEndMinute = (minute + 120) % 1440 },
        });
        var ann = await ConsentingMemberAsync(program);
        var purchase = await silo.Checkout.RecordPurchaseAsync(Pos.Purchase(program, ann, ("sku-1", 1, 10_00)));

        var stream = await ReadAsync(silo.Silo.Channel, program, 0, count: 1);
        var stats = await StatsEventuallyAsync(program, s => s.HeldNow == 1);

        Assert.Equal([(MessageKind.PointsEarned, purchase.TransactionId)], stream.Select(m => (m.Kind, m.Data["transaction_id"])));
        Assert.Equal(
            [(MessageKind.PointsEarned, MessageOutcome.Delivered, 1L), (MessageKind.FeedbackRequest, MessageOutcome.Held, 1L)],
            stats.Counts.Select(c => (c.Kind, c.Outcome, c.Count)));
        Assert.Empty(await ReadAsync(silo.Silo.Channel, program, 1, count: 1, wait: TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task Only_admins_of_the_program_may_watch_its_messages()
    {
        var program = await Pos.CreateProgramAsync(silo);
        var admin = await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.ProgramAdmin, program);
        var merchant = await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.MerchantAdmin, program, "merchant-1");
        var till = await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.Terminal, program, "merchant-1", "store-1");
        var other = await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.ProgramAdmin, await Pos.CreateProgramAsync(silo));
        var client = new Messages.MessagesClient(silo.Silo.GrpcChannel);

        async Task<StatusCode> WatchAsync(string? key)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                using var call = client.WatchMessages(new WatchMessagesRequest { ProgramId = program },
                    new CallOptions(key is null ? null : TestKeys.Authorization(key), cancellationToken: deadline.Token));
                await call.ResponseStream.MoveNext(deadline.Token);
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }

        Assert.Equal(
            [StatusCode.Cancelled, StatusCode.Cancelled, StatusCode.PermissionDenied, StatusCode.PermissionDenied, StatusCode.PermissionDenied,
             StatusCode.Unauthenticated],
            [await WatchAsync(TestKeys.Bootstrap), await WatchAsync(admin), await WatchAsync(merchant), await WatchAsync(till),
             await WatchAsync(other), await WatchAsync(null)]);
    }

    [Theory]
    [InlineData("Embedded")]
    [InlineData("PostgreSQL")]
    public async Task The_stream_resumed_from_the_senders_cursor_after_a_kill_9_loses_no_message_of_an_acknowledged_purchase(string provider)
    {
        var options = provider == "Embedded"
            ? SiloOptions.Embedded(Directory.CreateTempSubdirectory("lg-msg-crash-").FullName)
            : SiloOptions.Postgres(await PostgresDatabase.CreateAsync());
        var first = new Fixture(await SiloProcess.StartAsync(options));
        var program = await Pos.CreateProgramAsync(first);
        var members = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            members.Add(await Pos.EnrollAsync(first, program));
            await first.Members.UpdateProfileAsync(new UpdateProfileRequest
            {
                RequestId = Pos.NewId("req"),
                ProgramId = program,
                MemberId = members[i],
                Email = $"m{i}@example.com",
            });
        }
        var acknowledged = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            acknowledged.Add((await first.Checkout.RecordPurchaseAsync(Pos.Purchase(program, members[i % 4], ("sku-1", 1, 1_00 + i)))).TransactionId);
        }
        // The sender handles a few messages and keeps its cursor; then the silo dies, the projection perhaps behind.
        var handled = await ReadAsync(first.Silo.Channel, program, 0, count: 3);
        for (var i = 0; i < 12; i++)
        {
            acknowledged.Add((await first.Checkout.RecordPurchaseAsync(Pos.Purchase(program, members[i % 4], ("sku-1", 1, 2_00 + i)))).TransactionId);
        }
        first.Silo.Kill();

        await using var restarted = await SiloProcess.StartAsync(options);
        var rest = await ReadAsync(restarted.Channel, program, handled[^1].Sequence, count: acknowledged.Count - handled.Count);
        var extra = await ReadAsync(restarted.Channel, program, rest[^1].Sequence, count: 1, wait: TimeSpan.FromSeconds(2));

        var all = handled.Concat(rest).ToArray();
        Assert.Equal(Enumerable.Range(1, acknowledged.Count).Select(i => (long)i), all.Select(m => m.Sequence));
        Assert.Equal(acknowledged.Order(), all.Select(m => m.Data["transaction_id"]).Order());
        Assert.All(all, m => Assert.Equal(MessageKind.PointsEarned, m.Kind));
        Assert.Empty(extra);
    }

    [Fact]
    public async Task The_sample_sender_prints_the_stream_and_resumes_after_the_sequence_in_its_cursor_file()
    {
        var program = await Pos.CreateProgramAsync(silo);
        var ann = await ConsentingMemberAsync(program);
        var purchase = await silo.Checkout.RecordPurchaseAsync(Pos.Purchase(program, ann, ("sku-1", 1, 10_00)));
        await silo.Checkout.RecordPurchaseAsync(Pos.Purchase(program, ann, ("sku-1", 1, 20_00)));
        var cursor = Path.Combine(Directory.CreateTempSubdirectory("lg-sender-").FullName, "shop.cursor");

        var first = await RunSenderAsync(program, cursor, 2);
        var second = await RunSenderAsync(program, cursor, 1);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"#1 PointsEarned to member {ann} via email+sms: You earned 100 points (balance 100). [available=100 merchant_id=merchant-1 points=100 " +
            $"store_id=store-1 transaction_id={purchase.TransactionId}]", first.Output, StringComparison.Ordinal);
        Assert.Contains($"#2 FeedbackRequest to member {ann} via email: How was your visit? Tell us.", first.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("#3 ", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("after sequence 2", second.Output, StringComparison.Ordinal);
        Assert.Contains($"#3 PointsEarned to member {ann} via email+sms: You earned 200 points (balance 300).", second.Output, StringComparison.Ordinal);
        Assert.Equal("3", File.ReadAllText(cursor));
    }

    private async Task<(int ExitCode, string Output)> RunSenderAsync(string program, string cursor, int max)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            ArgumentList = { TestEnvironment.MessageSenderAssembly, "--program", program, "--url", silo.Silo.Url, "--cursor", cursor, "--max", $"{max}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["LOYALTYGRID_API_KEY"] = TestKeys.Bootstrap },
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        using var deadline = new CancellationTokenSource(Patience);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>A member with an email and a phone on the profile and consent to email only.</summary>
    private async Task<string> ConsentingMemberAsync(string program)
    {
        var member = await Pos.EnrollAsync(silo, program);
        await silo.Members.UpdateProfileAsync(new UpdateProfileRequest
        {
            RequestId = Pos.NewId("req"),
            ProgramId = program,
            MemberId = member,
            Email = "ann@example.com",
            Phone = "+49 30 123456",
        });
        await silo.Members.SetConsentAsync(new SetConsentRequest
        {
            RequestId = Pos.NewId("req"),
            ProgramId = program,
            MemberId = member,
            Channel = ConsentChannel.Email,
            Granted = true,
            Source = ConsentSource.Pos,
        });
        return member;
    }

    /// <summary>What a sender sees: the stream after <paramref name="after"/>, until <paramref name="count"/> messages came or it waited <paramref name="wait"/>.</summary>
    private static async Task<List<MemberMessage>> ReadAsync(CallInvoker channel, string program, long after, int count, TimeSpan? wait = null)
    {
        var received = new List<MemberMessage>();
        using var deadline = new CancellationTokenSource(wait ?? Patience);
        try
        {
            using var call = new Messages.MessagesClient(channel).WatchMessages(
                new WatchMessagesRequest { ProgramId = program, AfterSequence = after }, TestKeys.Authorization(TestKeys.Bootstrap),
                cancellationToken: deadline.Token);
            while (received.Count < count && await call.ResponseStream.MoveNext(deadline.Token))
            {
                received.Add(call.ResponseStream.Current);
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && wait is not null)
        {
            // Waited long enough for a message that must not come.
        }
        return received;
    }

    private async Task<GetMessagingStatsResponse> StatsEventuallyAsync(string program, Func<GetMessagingStatsResponse, bool> done)
    {
        var client = new Messages.MessagesClient(silo.Silo.Channel);
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var stats = await client.GetMessagingStatsAsync(new GetMessagingStatsRequest { ProgramId = program });
            if (done(stats) || DateTime.UtcNow > deadline)
            {
                return stats;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Wraps a silo the test started itself, so it can use the same helpers as the class fixtures.</summary>
    private sealed class Fixture : SiloFixture
    {
        public Fixture(SiloProcess silo) => Use(silo);

        protected override Task<SiloOptions> CreateOptionsAsync() => throw new NotSupportedException();
    }
}
