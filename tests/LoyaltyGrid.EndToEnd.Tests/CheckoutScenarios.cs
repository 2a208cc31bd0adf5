using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Health.V1;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>A POS terminal's whole day over real gRPC, run against each storage provider.</summary>
public abstract class CheckoutScenarios(SiloFixture silo)
{
    [Fact]
    public async Task Purchase_earns_points_on_the_total_rounded_down_once()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);

        var response = await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("shirt", 2, 1999), ("socks", 1, 500)));

        Assert.Equal(4498, response.TotalMinor);
        Assert.Equal(449, response.PointsEarned);
        Assert.Equal(new Balance { Available = 449, LifetimeEarned = 449 }, response.Balance);
        var got = await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member });
        Assert.Equal(response.Balance, got.Member.Balance);
    }

    [Fact]
    public async Task Retry_with_the_same_request_id_returns_the_original_and_counts_once()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        var request = Purchase(program, member, ("shirt", 1, 1000));

        var first = await silo.Checkout.RecordPurchaseAsync(request);
        var retry = await silo.Checkout.RecordPurchaseAsync(request);

        Assert.Equal(first, retry);
        var got = await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member });
        Assert.Equal(100, got.Member.Balance.Available);
    }

    [Fact]
    public async Task Same_request_id_with_other_content_is_already_exists_and_changes_nothing()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        var request = Purchase(program, member, ("shirt", 1, 1000));
        await silo.Checkout.RecordPurchaseAsync(request);
        var altered = request.Clone();
        altered.Lines[0].Quantity = 5;

        var refusal = await RefusedAsync(silo.Checkout.RecordPurchaseAsync(altered));

        Assert.Equal((StatusCode.AlreadyExists, "REQUEST_ID_REUSED"), (refusal.Code, refusal.Reason));
        var got = await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member });
        Assert.Equal(100, got.Member.Balance.Available);
    }

    [Fact]
    public async Task Redemption_authorize_capture_and_void_move_points_between_available_and_held()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("tv", 1, 50000)));

        var hold = await silo.Checkout.AuthorizeRedemptionAsync(Authorize(program, member, 1200));
        Assert.Equal(new Balance { Available = 3800, Held = 1200, LifetimeEarned = 5000 }, hold.Balance);
        var capture = await silo.Checkout.CaptureRedemptionAsync(new CaptureRedemptionRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            MemberId = member,
            HoldId = hold.HoldId,
        });
        Assert.Equal(new Balance { Available = 3800, LifetimeEarned = 5000, LifetimeRedeemed = 1200 }, capture.Balance);

        var second = await silo.Checkout.AuthorizeRedemptionAsync(Authorize(program, member, 800));
        var voided = await silo.Checkout.VoidRedemptionAsync(new VoidRedemptionRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            MemberId = member,
            HoldId = second.HoldId,
        });
        Assert.Equal(800, voided.PointsReleased);
        Assert.Equal(new Balance { Available = 3800, LifetimeEarned = 5000, LifetimeRedeemed = 1200 }, voided.Balance);

        var again = await RefusedAsync(silo.Checkout.CaptureRedemptionAsync(new CaptureRedemptionRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            MemberId = member,
            HoldId = second.HoldId,
        }));
        Assert.Equal((StatusCode.FailedPrecondition, "HOLD_VOIDED"), (again.Code, again.Reason));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("store\u0001")]
    [InlineData("sssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss")]
    public async Task Capture_and_void_with_a_malformed_store_id_are_invalid_on_store_id_and_change_nothing(string storeId)
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("tv", 1, 50000)));
        var hold = await silo.Checkout.AuthorizeRedemptionAsync(Authorize(program, member, 1200));
        // A merchant admin key is bound to no store, so the store is not refused by the key's scope first.
        var office = TestKeys.Authorization(await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.MerchantAdmin, program, "merchant-1"));

        var capture = await RefusedAsync(silo.Checkout.CaptureRedemptionAsync(new CaptureRedemptionRequest
        {
            RequestId = NewId("req"), ProgramId = program, MemberId = member, HoldId = hold.HoldId, MerchantId = "merchant-1", StoreId = storeId,
        }, office));
        var voided = await RefusedAsync(silo.Checkout.VoidRedemptionAsync(new VoidRedemptionRequest
        {
            RequestId = NewId("req"), ProgramId = program, MemberId = member, HoldId = hold.HoldId, MerchantId = "merchant-1", StoreId = storeId,
        }, office));

        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST", "store_id"), (capture.Code, capture.Reason, capture.Fields.Single()));
        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST", "store_id"), (voided.Code, voided.Reason, voided.Fields.Single()));
        var got = await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member });
        Assert.Equal(1200, got.Member.Balance.Held);
    }

    [Fact]
    public async Task Redeeming_more_than_available_is_refused_and_changes_nothing()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("tv", 1, 1000)));

        var refusal = await RefusedAsync(silo.Checkout.AuthorizeRedemptionAsync(Authorize(program, member, 101)));

        Assert.Equal((StatusCode.FailedPrecondition, "INSUFFICIENT_POINTS"), (refusal.Code, refusal.Reason));
        var got = await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member });
        Assert.Equal(new Balance { Available = 100, LifetimeEarned = 100 }, got.Member.Balance);
    }

    [Fact]
    public async Task Concurrent_redemptions_from_many_terminals_never_overdraw()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("tv", 1, 1000)));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                await silo.Checkout.AuthorizeRedemptionAsync(Authorize(program, member, 30));
                return true;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
            {
                return false;
            }
        }));

        Assert.Equal(3, attempts.Count(ok => ok));
        var got = await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member });
        Assert.Equal(new Balance { Available = 10, Held = 90, LifetimeEarned = 100 }, got.Member.Balance);
    }

    [Fact]
    public async Task Partial_returns_claw_back_proportionally_and_never_more_than_earned()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        var purchase = await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("shirt", 3, 1999), ("socks", 1, 500)));
        Assert.Equal(649, purchase.PointsEarned);

        var first = await silo.Checkout.RecordReturnAsync(Return(program, member, purchase.TransactionId, ("shirt", 1)));
        var second = await silo.Checkout.RecordReturnAsync(Return(program, member, purchase.TransactionId, ("shirt", 2), ("socks", 1)));

        Assert.Equal(649 * 1999 / 6497, first.PointsReversed);
        Assert.Equal(649, first.PointsReversed + second.PointsReversed);
        Assert.Equal(new Balance { LifetimeEarned = 649, LifetimeReversed = 649 }, second.Balance);
        var beyond = await RefusedAsync(silo.Checkout.RecordReturnAsync(Return(program, member, purchase.TransactionId, ("socks", 1))));
        Assert.Equal((StatusCode.FailedPrecondition, "RETURN_EXCEEDS_PURCHASE"), (beyond.Code, beyond.Reason));
    }

    [Fact]
    public async Task A_return_after_spending_drives_the_balance_negative_and_later_earnings_repay_it()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        var purchase = await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("tv", 1, 10000)));
        var hold = await silo.Checkout.AuthorizeRedemptionAsync(Authorize(program, member, 1000));
        await silo.Checkout.CaptureRedemptionAsync(new CaptureRedemptionRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            MemberId = member,
            HoldId = hold.HoldId,
        });

        var ret = await silo.Checkout.RecordReturnAsync(Return(program, member, purchase.TransactionId, ("tv", 1)));
        Assert.Equal(-1000, ret.Balance.Available);
        var later = await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("radio", 1, 15000)));
        Assert.Equal(500, later.Balance.Available);
    }

    [Fact]
    public async Task Ledger_explains_every_point_newest_first_across_pages()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        var purchase = await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("tv", 1, 10000)));
        var hold = await silo.Checkout.AuthorizeRedemptionAsync(Authorize(program, member, 300));
        await silo.Checkout.CaptureRedemptionAsync(new CaptureRedemptionRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            MemberId = member,
            HoldId = hold.HoldId,
        });
        await silo.Checkout.RecordReturnAsync(Return(program, member, purchase.TransactionId, ("tv", 1)));

        var entries = await LedgerAsync(silo, program, member, pageSize: 2);

        Assert.Equal(
            [LedgerEntryType.Return, LedgerEntryType.Capture, LedgerEntryType.Hold, LedgerEntryType.Purchase],
            entries.Select(e => e.Type));
        Assert.Equal(entries.Select(e => e.Sequence).OrderDescending(), entries.Select(e => e.Sequence));
        var got = await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member });
        Assert.Equal(got.Member.Balance.Available + got.Member.Balance.Held, entries.Sum(e => e.Points));
        var purchaseEntry = entries[^1];
        Assert.Equal((purchase.TransactionId, "base-rate", "merchant-1", "term-1"),
            (purchaseEntry.TransactionId, purchaseEntry.Rule, purchaseEntry.MerchantId, purchaseEntry.TerminalId));
    }

    [Fact]
    public async Task Bad_input_is_invalid_argument_with_one_violation_per_field_and_the_silo_keeps_running()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        var request = Purchase(program, member, ("shirt", 0, -5), ("shirt", 1, 100));
        request.Currency = "EURO";
        request.TerminalId = "";

        var refusal = await RefusedAsync(silo.Checkout.RecordPurchaseAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, refusal.Code);
        Assert.Equal(
            ["currency", "lines[0].quantity", "lines[0].unit_price_minor", "lines[1].sku", "terminal_id"],
            refusal.Fields.Order());
        var fine = await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("shirt", 1, 100)));
        Assert.Equal(10, fine.PointsEarned);
    }

    [Fact]
    public async Task Currency_other_than_the_programs_is_invalid_argument()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        var request = Purchase(program, member, ("shirt", 1, 100));
        request.Currency = "USD";

        var refusal = await RefusedAsync(silo.Checkout.RecordPurchaseAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, refusal.Code);
        Assert.Equal(["currency"], refusal.Fields);
    }

    [Fact]
    public async Task Unknown_member_program_hold_and_transaction_are_not_found()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);

        var noMember = await RefusedAsync(silo.Checkout.RecordPurchaseAsync(Purchase(program, "nobody", ("a", 1, 1))));
        var noProgram = await RefusedAsync(silo.Programs.GetProgramAsync(new GetProgramRequest { ProgramId = "no-such-program" }));
        var noHold = await RefusedAsync(silo.Checkout.CaptureRedemptionAsync(new CaptureRedemptionRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            MemberId = member,
            HoldId = "hold_missing",
        }));
        var noTransaction = await RefusedAsync(silo.Checkout.RecordReturnAsync(Return(program, member, "tx_missing", ("a", 1))));
        var enrollInMissingProgram = await RefusedAsync(silo.Members.EnrollMemberAsync(new EnrollMemberRequest
        {
            RequestId = NewId("req"),
            ProgramId = "no-such-program",
            MemberId = "m1",
        }));

        Assert.Equal(
            [(StatusCode.NotFound, "MEMBER_NOT_FOUND"), (StatusCode.NotFound, "PROGRAM_NOT_FOUND"),
             (StatusCode.NotFound, "HOLD_NOT_FOUND"), (StatusCode.NotFound, "TRANSACTION_NOT_FOUND"),
             (StatusCode.NotFound, "PROGRAM_NOT_FOUND")],
            new[] { noMember, noProgram, noHold, noTransaction, enrollInMissingProgram }.Select(r => (r.Code, r.Reason)));
    }

    [Fact]
    public async Task Offline_terminal_upload_keeps_its_occurred_at_and_old_ones_are_refused()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        var yesterday = Purchase(program, member, ("a", 1, 1000));
        yesterday.OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(-1));
        var tooOld = Purchase(program, member, ("a", 1, 1000));
        tooOld.OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(-8));

        await silo.Checkout.RecordPurchaseAsync(yesterday);
        var refusal = await RefusedAsync(silo.Checkout.RecordPurchaseAsync(tooOld));

        Assert.Equal((StatusCode.FailedPrecondition, "OUTSIDE_OFFLINE_WINDOW"), (refusal.Code, refusal.Reason));
        var ledger = await silo.Members.ListLedgerEntriesAsync(new ListLedgerEntriesRequest { ProgramId = program, MemberId = member });
        Assert.Equal(yesterday.OccurredAt, Assert.Single(ledger.Entries).OccurredAt);
    }

    [Fact]
    public async Task Enrolling_twice_is_already_exists_unless_it_is_a_retry()
    {
        var program = await CreateProgramAsync(silo);
        var request = new EnrollMemberRequest { RequestId = NewId("req"), ProgramId = program, CardAlias = "4000-1234" };

        var first = await silo.Members.EnrollMemberAsync(request);
        var retry = await silo.Members.EnrollMemberAsync(request);
        var other = await RefusedAsync(silo.Members.EnrollMemberAsync(new EnrollMemberRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            MemberId = first.Member.MemberId,
        }));

        Assert.Equal(first.Member, retry.Member);
        Assert.Equal("4000-1234", first.Member.CardAlias);
        Assert.Equal((StatusCode.AlreadyExists, "MEMBER_ALREADY_ENROLLED"), (other.Code, other.Reason));
    }

    [Fact]
    public async Task A_scanned_card_finds_its_member_and_a_card_belongs_to_one_member_only()
    {
        var program = await CreateProgramAsync(silo);
        var card = NewId("card");
        var alice = await silo.Members.EnrollMemberAsync(new EnrollMemberRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            MemberId = NewId("alice"),
            CardAlias = card,
        });

        var found = await silo.Members.LookupMemberAsync(new LookupMemberRequest { ProgramId = program, CardAlias = card });
        var bobId = NewId("bob");
        var taken = await RefusedAsync(silo.Members.EnrollMemberAsync(new EnrollMemberRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            MemberId = bobId,
            CardAlias = card,
        }));
        var bob = await RefusedAsync(silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = bobId }));
        var unknown = await RefusedAsync(silo.Members.LookupMemberAsync(new LookupMemberRequest { ProgramId = program, CardAlias = "no-such-card" }));
        var malformed = await RefusedAsync(silo.Members.LookupMemberAsync(new LookupMemberRequest { ProgramId = program, CardAlias = "card 1/2" }));

        Assert.Equal(alice.Member, found.Member);
        Assert.Equal((StatusCode.AlreadyExists, "CARD_ALIAS_TAKEN"), (taken.Code, taken.Reason));
        Assert.Equal((StatusCode.NotFound, "MEMBER_NOT_FOUND"), (bob.Code, bob.Reason));
        Assert.Equal((StatusCode.NotFound, "CARD_NOT_FOUND"), (unknown.Code, unknown.Reason));
        Assert.Equal(StatusCode.InvalidArgument, malformed.Code);
        Assert.Equal(["card_alias"], malformed.Fields);
    }

    [Fact]
    public async Task A_refused_enrolment_does_not_take_the_card()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        var card = NewId("card");

        var again = await RefusedAsync(silo.Members.EnrollMemberAsync(new EnrollMemberRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            MemberId = member,
            CardAlias = card,
        }));
        var lookup = await RefusedAsync(silo.Members.LookupMemberAsync(new LookupMemberRequest { ProgramId = program, CardAlias = card }));

        Assert.Equal((StatusCode.AlreadyExists, "MEMBER_ALREADY_ENROLLED"), (again.Code, again.Reason));
        Assert.Equal((StatusCode.NotFound, "CARD_NOT_FOUND"), (lookup.Code, lookup.Reason));
    }

    [Fact]
    public async Task Hold_not_captured_within_its_ttl_is_released_by_itself()
    {
        var program = await CreateProgramAsync(silo, holdTtl: TimeSpan.FromSeconds(1));
        var member = await EnrollAsync(silo, program);
        await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("tv", 1, 1000)));
        var hold = await silo.Checkout.AuthorizeRedemptionAsync(Authorize(program, member, 60));

        await Task.Delay(TimeSpan.FromSeconds(3));

        var got = await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member });
        Assert.Equal(new Balance { Available = 100, LifetimeEarned = 100 }, got.Member.Balance);
        var late = await RefusedAsync(silo.Checkout.CaptureRedemptionAsync(new CaptureRedemptionRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            MemberId = member,
            HoldId = hold.HoldId,
        }));
        Assert.Equal((StatusCode.FailedPrecondition, "HOLD_EXPIRED"), (late.Code, late.Reason));
    }

    [Fact]
    public async Task Health_checking_answers_serving()
    {
        var health = await new Health.HealthClient(silo.Silo.Channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    protected static RecordReturnRequest Return(string programId, string memberId, string transactionId, params (string Sku, long Quantity)[] lines)
    {
        var request = new RecordReturnRequest
        {
            RequestId = NewId("req"),
            ProgramId = programId,
            MemberId = memberId,
            TransactionId = transactionId,
            MerchantId = "merchant-1",
        };
        request.Lines.AddRange(lines.Select(l => new ReturnLine { Sku = l.Sku, Quantity = l.Quantity }));
        return request;
    }
}

public sealed class EmbeddedCheckoutTests(EmbeddedSiloFixture silo) : CheckoutScenarios(silo), IClassFixture<EmbeddedSiloFixture>;

public sealed class PostgresCheckoutTests(PostgresSiloFixture silo) : CheckoutScenarios(silo), IClassFixture<PostgresSiloFixture>;
