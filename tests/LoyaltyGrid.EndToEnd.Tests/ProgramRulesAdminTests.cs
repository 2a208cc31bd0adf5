using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>An admin setting up a program's rules over real gRPC: what is set reads back, refusals name the field.</summary>
public sealed class ProgramRulesAdminTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    private static readonly DateTime Now = DateTime.UtcNow.Date.AddDays(1);

    [Fact]
    public async Task A_new_program_has_the_default_rules_and_its_time_zone()
    {
        var programId = NewId("prog");
        await silo.Programs.CreateProgramAsync(new CreateProgramRequest
        {
            RequestId = NewId("req"),
            ProgramId = programId,
            Name = "Berlin program",
            Currency = "EUR",
            PointsPerCurrencyUnit = 10,
            TimeZone = "Europe/Berlin",
        });
        var defaultZone = await CreateProgramAsync(silo);

        var got = await silo.Programs.GetProgramAsync(new GetProgramRequest { ProgramId = programId });
        var other = await silo.Programs.GetProgramAsync(new GetProgramRequest { ProgramId = defaultZone });

        Assert.Equal(("Europe/Berlin", "UTC"), (got.Program.TimeZone, other.Program.TimeZone));
        Assert.Equal(new ProgramRules
        {
            Version = 0,
            EarningRules = new EarningRules
            {
                PendingPeriod = Duration.FromTimeSpan(TimeSpan.Zero),
                CouponReturnPolicy = CouponReturnPolicy.RestoreOnFullReturn,
            },
            ExpiryPolicy = new ExpiryPolicy { Kind = ExpiryKind.Never },
            TierPolicy = new TierPolicy { Metric = TierMetric.QualifyingSpend, WindowMonths = 12, ReviewMonths = 12, GraceDays = 30, DowngradeMode = TierDowngradeMode.AtReview },
        }, got.Rules);
    }

    [Fact]
    public async Task An_unknown_time_zone_is_invalid_argument()
    {
        var refusal = await RefusedAsync(silo.Programs.CreateProgramAsync(new CreateProgramRequest
        {
            RequestId = NewId("req"),
            ProgramId = NewId("prog"),
            Name = "Nowhere",
            Currency = "EUR",
            PointsPerCurrencyUnit = 10,
            TimeZone = "Mars/Olympus_Mons",
        }));

        Assert.Equal((StatusCode.InvalidArgument, "time_zone"), Violations(refusal));
    }

    [Fact]
    public async Task Earning_expiry_and_tier_policy_set_read_back_from_GetProgram_and_each_change_counts()
    {
        var program = await CreateProgramAsync(silo);
        var earning = new EarningRules
        {
            CategoryMultipliers = { ["electronics"] = 50, ["books"] = 200 },
            SkuMultipliers = { ["sku-42"] = 300 },
            ExcludedCategories = { "gift-cards", "tobacco" },
            LocationRates =
            {
                new LocationRate { MerchantId = "merchant-1", PointsPerCurrencyUnit = 5 },
                new LocationRate { MerchantId = "merchant-1", StoreId = "airport", PointsPerCurrencyUnit = 20 },
            },
            MinQualifyingSpendMinor = 500,
            PendingPeriod = Duration.FromTimeSpan(TimeSpan.FromDays(14)),
            CouponReturnPolicy = CouponReturnPolicy.KeepUsed,
        };
        var expiry = new ExpiryPolicy { Kind = ExpiryKind.FifoLots, Months = 24 };

        var setEarning = await silo.Programs.SetEarningRulesAsync(new SetEarningRulesRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            EarningRules = earning,
        });
        var setExpiry = await silo.Programs.SetExpiryPolicyAsync(new SetExpiryPolicyRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            ExpiryPolicy = expiry,
        });
        var setTier = await silo.Programs.SetTierPolicyAsync(new SetTierPolicyRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            TierPolicy = new TierPolicy { Metric = TierMetric.PointsEarned, WindowMonths = 6, GraceDays = 0 },
        });
        var got = await silo.Programs.GetProgramAsync(new GetProgramRequest { ProgramId = program });

        var tierPolicy = new TierPolicy { Metric = TierMetric.PointsEarned, WindowMonths = 6, ReviewMonths = 12, GraceDays = 0, DowngradeMode = TierDowngradeMode.AtReview };
        Assert.Equal((earning, expiry, tierPolicy), (setEarning.EarningRules, setExpiry.ExpiryPolicy, setTier.TierPolicy));
        Assert.Equal(new ProgramRules { Version = 3, EarningRules = earning, ExpiryPolicy = expiry, TierPolicy = tierPolicy }, got.Rules);
    }

    [Fact]
    public async Task Tiers_are_listed_by_threshold_and_an_upsert_replaces_the_tier_with_its_id()
    {
        var program = await CreateProgramAsync(silo);
        var gold = Tier("gold", 100_000, 200, "free-shipping", "priority-service");
        var bronze = Tier("bronze", 0, 100);
        var silver = Tier("silver", 50_000, 150);

        var created = new List<Tier>();
        foreach (var tier in new[] { gold, bronze, silver })
        {
            created.Add((await silo.Programs.UpsertTierAsync(UpsertTier(program, tier))).Tier);
        }
        var renamedSilver = Tier("silver", 150_000, 250);
        await silo.Programs.UpsertTierAsync(UpsertTier(program, renamedSilver));
        var listed = await silo.Programs.ListTiersAsync(new ListTiersRequest { ProgramId = program });

        Assert.Equal([gold, bronze, silver], created);
        Assert.Equal([bronze, gold, renamedSilver], listed.Tiers);
    }

    [Fact]
    public async Task A_tier_with_the_threshold_of_another_is_refused_and_changes_nothing()
    {
        var program = await CreateProgramAsync(silo);
        await silo.Programs.UpsertTierAsync(UpsertTier(program, Tier("silver", 50_000, 150)));

        var refusal = await RefusedAsync(silo.Programs.UpsertTierAsync(UpsertTier(program, Tier("gold", 50_000, 200))));
        var listed = await silo.Programs.ListTiersAsync(new ListTiersRequest { ProgramId = program });

        Assert.Equal((StatusCode.InvalidArgument, "tier.threshold"), Violations(refusal));
        Assert.Equal(["silver"], listed.Tiers.Select(t => t.TierId));
    }

    [Fact]
    public async Task Every_kind_of_promotion_is_created_and_listed_back_in_creation_order()
    {
        var program = await CreateProgramAsync(silo);
        await silo.Programs.UpsertTierAsync(UpsertTier(program, Tier("silver", 50_000, 150)));
        await silo.Programs.UpsertTierAsync(UpsertTier(program, Tier("gold", 100_000, 200)));
        var requests = new[]
        {
            Promotion(program, "double-books", p =>
            {
                p.Multiplier = new MultiplierRule
                {
                    MultiplierPercent = 200,
                    Scope = new ItemScope { Categories = { "books" }, Skus = { "sku-1" } },
                };
                p.Target = new PromotionTarget { Kind = TargetKind.Tiers, TierIds = { "silver", "gold" } };
                p.DaysOfWeek.Add([Weekday.Saturday, Weekday.Sunday]);
            }),
            Promotion(program, "spend-50", p => p.SpendThreshold = new SpendThresholdRule { MinSpendMinor = 5000, BonusPoints = 100 }),
            Promotion(program, "welcome", p =>
            {
                p.FirstPurchase = new FirstPurchaseRule { BonusPoints = 500 };
                p.Target = new PromotionTarget { Kind = TargetKind.FirstTimeCustomers };
            }),
            Promotion(program, "coffee-card", p =>
                p.PunchCard = new PunchCardRule { Required = 9, Scope = new ItemScope { Skus = { "coffee" } } }),
            Promotion(program, "bogo-socks", p =>
            {
                p.BuyOneGetOne = new BuyOneGetOneRule { PercentOff = 100, Scope = new ItemScope { Categories = { "socks" } } };
                p.UsageLimitPerMember = 2;
            }),
            Promotion(program, "ten-off", p => p.Coupon = new CouponRule { DiscountMinor = 1000 }),
            Promotion(program, "come-back", p =>
            {
                p.RepeatPurchase = new RepeatPurchaseRule { Purchases = 3, WindowDays = 30, BonusPoints = 300 };
                p.Target = new PromotionTarget { Kind = TargetKind.Lapsed, LapsedDays = 90 };
            }),
            Promotion(program, "big-spender", p =>
            {
                p.CumulativeSpend = new CumulativeSpendRule { ThresholdMinor = 100_000, BonusPoints = 1000 };
                p.EarlyAccess = new EarlyAccess { MinTierId = "gold", StartsAt = Timestamp.FromDateTime(Now.AddDays(-1)) };
            }),
        };

        var created = new List<Promotion>();
        foreach (var request in requests)
        {
            created.Add((await silo.Programs.CreatePromotionAsync(request)).Promotion);
        }
        var listed = await silo.Programs.ListPromotionsAsync(new ListPromotionsRequest { ProgramId = program });

        Assert.Equal(created, listed.Promotions);
        Assert.Equal("", listed.NextPageToken);
        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(Expected(requests[i], created[i].CreatedAt), created[i]);
        }
    }

    [Fact]
    public async Task An_ended_promotion_is_listed_with_its_end_but_not_as_active_and_cannot_end_twice()
    {
        var program = await CreateProgramAsync(silo);
        var running = Promotion(program, "running", FirstPurchase);
        running.StartsAt = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(-1));
        await silo.Programs.CreatePromotionAsync(running);
        var ending = Promotion(program, "ending", FirstPurchase);
        ending.StartsAt = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(-1));
        await silo.Programs.CreatePromotionAsync(ending);
        await silo.Programs.CreatePromotionAsync(Promotion(program, "scheduled", FirstPurchase));
        var end = new EndPromotionRequest { RequestId = NewId("req"), ProgramId = program, PromotionId = "ending" };

        var ended = await silo.Programs.EndPromotionAsync(end);
        var retry = await silo.Programs.EndPromotionAsync(end);
        var again = await RefusedAsync(silo.Programs.EndPromotionAsync(new EndPromotionRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            PromotionId = "ending",
        }));
        var all = await silo.Programs.ListPromotionsAsync(new ListPromotionsRequest { ProgramId = program });
        var active = await silo.Programs.ListPromotionsAsync(new ListPromotionsRequest { ProgramId = program, ActiveOnly = true });

        Assert.NotNull(ended.Promotion.EndedAt);
        Assert.True(ended.Promotion.EndedAt.ToDateTime() <= DateTime.UtcNow);
        Assert.Equal(ended, retry);
        Assert.Equal((StatusCode.FailedPrecondition, "PROMOTION_ALREADY_ENDED"), (again.Code, again.Reason));
        Assert.Equal(["running", "ending", "scheduled"], all.Promotions.Select(p => p.PromotionId));
        Assert.Equal(ended.Promotion, all.Promotions[1]);
        Assert.Equal(["running"], active.Promotions.Select(p => p.PromotionId));
    }

    [Fact]
    public async Task Ending_an_unknown_promotion_is_not_found()
    {
        var program = await CreateProgramAsync(silo);

        var refusal = await RefusedAsync(silo.Programs.EndPromotionAsync(new EndPromotionRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            PromotionId = "no-such-promotion",
        }));

        Assert.Equal((StatusCode.NotFound, "PROMOTION_NOT_FOUND"), (refusal.Code, refusal.Reason));
    }

    [Fact]
    public async Task Promotions_are_listed_page_by_page()
    {
        var program = await CreateProgramAsync(silo);
        foreach (var id in new[] { "p1", "p2", "p3" })
        {
            await silo.Programs.CreatePromotionAsync(Promotion(program, id, FirstPurchase));
        }

        var first = await silo.Programs.ListPromotionsAsync(new ListPromotionsRequest { ProgramId = program, PageSize = 2 });
        var second = await silo.Programs.ListPromotionsAsync(new ListPromotionsRequest
        {
            ProgramId = program,
            PageSize = 2,
            PageToken = first.NextPageToken,
        });
        var bad = await RefusedAsync(silo.Programs.ListPromotionsAsync(new ListPromotionsRequest { ProgramId = program, PageToken = "x" }));

        Assert.Equal(["p1", "p2"], first.Promotions.Select(p => p.PromotionId));
        Assert.NotEqual("", first.NextPageToken);
        Assert.Equal(["p3"], second.Promotions.Select(p => p.PromotionId));
        Assert.Equal("", second.NextPageToken);
        Assert.Equal((StatusCode.InvalidArgument, "page_token"), Violations(bad));
    }

    [Fact]
    public async Task Issuing_coupons_returns_unique_codes_and_a_retry_returns_the_same_batch()
    {
        var program = await CreateProgramAsync(silo);
        await silo.Programs.CreatePromotionAsync(Promotion(program, "ten-off", p => p.Coupon = new CouponRule { DiscountMinor = 1000 }));
        var request = new IssueCouponsRequest { RequestId = NewId("req"), ProgramId = program, PromotionId = "ten-off", Count = 50 };

        var issued = await silo.Programs.IssueCouponsAsync(request);
        var retry = await silo.Programs.IssueCouponsAsync(request);
        var personal = await silo.Programs.IssueCouponsAsync(new IssueCouponsRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            PromotionId = "ten-off",
            Count = 1,
            MemberId = "member-1",
            MaxUsesPerCode = 3,
        });

        Assert.Equal(issued, retry);
        Assert.StartsWith("batch_", issued.Batch.BatchId);
        Assert.Equal(50, issued.Batch.Codes.Distinct().Count());
        Assert.All(issued.Batch.Codes, code => Assert.Matches("^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$", code));
        Assert.Equal(("ten-off", "", 1, Timestamp.FromDateTime(Now.AddDays(30))),
            (issued.Batch.PromotionId, issued.Batch.MemberId, issued.Batch.MaxUsesPerCode, issued.Batch.ValidUntil));
        Assert.Equal(("member-1", 3), (personal.Batch.MemberId, personal.Batch.MaxUsesPerCode));
        Assert.Empty(personal.Batch.Codes.Intersect(issued.Batch.Codes));
        Assert.NotEqual(issued.Batch.BatchId, personal.Batch.BatchId);
    }

    [Fact]
    public async Task Coupons_for_a_promotion_without_a_coupon_rule_are_failed_precondition()
    {
        var program = await CreateProgramAsync(silo);
        await silo.Programs.CreatePromotionAsync(Promotion(program, "welcome", FirstPurchase));

        var refusal = await RefusedAsync(silo.Programs.IssueCouponsAsync(new IssueCouponsRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            PromotionId = "welcome",
            Count = 5,
        }));

        Assert.Equal((StatusCode.FailedPrecondition, "NOT_A_COUPON_PROMOTION"), (refusal.Code, refusal.Reason));
    }

    [Fact]
    public async Task A_retried_change_returns_the_original_answer_and_changes_the_program_once()
    {
        var program = await CreateProgramAsync(silo);
        var tier = UpsertTier(program, Tier("gold", 100_000, 200));
        var promotion = Promotion(program, "spend-50", p =>
            p.SpendThreshold = new SpendThresholdRule { MinSpendMinor = 5000, BonusPoints = 100 });
        var earning = new SetEarningRulesRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            EarningRules = new EarningRules { ExcludedCategories = { "tobacco" } },
        };

        var answers = new object[]
        {
            await silo.Programs.UpsertTierAsync(tier), await silo.Programs.CreatePromotionAsync(promotion),
            await silo.Programs.SetEarningRulesAsync(earning),
        };
        var retries = new object[]
        {
            await silo.Programs.UpsertTierAsync(tier), await silo.Programs.CreatePromotionAsync(promotion),
            await silo.Programs.SetEarningRulesAsync(earning),
        };
        var altered = earning.Clone();
        altered.EarningRules.ExcludedCategories.Add("alcohol");
        var reused = await RefusedAsync(silo.Programs.SetEarningRulesAsync(altered));
        var got = await silo.Programs.GetProgramAsync(new GetProgramRequest { ProgramId = program });

        Assert.Equal(answers, retries);
        Assert.Equal((StatusCode.AlreadyExists, "REQUEST_ID_REUSED"), (reused.Code, reused.Reason));
        Assert.Equal(3, got.Rules.Version);
        Assert.Equal(["tobacco"], got.Rules.EarningRules.ExcludedCategories);
    }

    [Fact]
    public async Task Bad_promotions_are_invalid_argument_naming_the_field()
    {
        var program = await CreateProgramAsync(silo);

        var endsFirst = Promotion(program, "backwards", FirstPurchase);
        endsFirst.EndsAt = Timestamp.FromDateTime(Now.AddDays(-1));
        var zeroMultiplier = Promotion(program, "zero", p => p.Multiplier = new MultiplierRule { MultiplierPercent = 0 });
        var unknownTier = Promotion(program, "vip", p =>
        {
            FirstPurchase(p);
            p.Target = new PromotionTarget { Kind = TargetKind.Tiers, TierIds = { "platinum" } };
        });
        var noDates = Promotion(program, "undated", p =>
        {
            FirstPurchase(p);
            p.StartsAt = null;
            p.EndsAt = null;
            p.DaysOfWeek.Add(Weekday.Unspecified);
        });
        var noRule = Promotion(program, "nothing", _ => { });

        var refusals = new List<(StatusCode, string)>();
        foreach (var request in new[] { endsFirst, zeroMultiplier, unknownTier, noDates, noRule })
        {
            refusals.Add(Violations(await RefusedAsync(silo.Programs.CreatePromotionAsync(request))));
        }
        var listed = await silo.Programs.ListPromotionsAsync(new ListPromotionsRequest { ProgramId = program });

        Assert.Equal(
            [
                (StatusCode.InvalidArgument, "ends_at"),
                (StatusCode.InvalidArgument, "multiplier.multiplier_percent"),
                (StatusCode.InvalidArgument, "target.tier_ids[0]"),
                (StatusCode.InvalidArgument, "days_of_week[0] ends_at starts_at"),
                (StatusCode.InvalidArgument, "rule"),
            ],
            refusals);
        Assert.Empty(listed.Promotions);
    }

    [Fact]
    public async Task Bad_policies_are_invalid_argument_naming_the_field_inside_the_request()
    {
        var program = await CreateProgramAsync(silo);

        var earning = await RefusedAsync(silo.Programs.SetEarningRulesAsync(new SetEarningRulesRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            EarningRules = new EarningRules
            {
                CategoryMultipliers = { ["books"] = 0 },
                LocationRates = { new LocationRate { MerchantId = "", PointsPerCurrencyUnit = 5 } },
            },
        }));
        var missing = await RefusedAsync(silo.Programs.SetEarningRulesAsync(new SetEarningRulesRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
        }));
        var noKind = await RefusedAsync(silo.Programs.SetExpiryPolicyAsync(new SetExpiryPolicyRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            ExpiryPolicy = new ExpiryPolicy { Months = 12 },
        }));
        var noMonths = await RefusedAsync(silo.Programs.SetExpiryPolicyAsync(new SetExpiryPolicyRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            ExpiryPolicy = new ExpiryPolicy { Kind = ExpiryKind.Inactivity },
        }));
        var tierPolicy = await RefusedAsync(silo.Programs.SetTierPolicyAsync(new SetTierPolicyRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            TierPolicy = new TierPolicy { WindowMonths = 37, GraceDays = -1 },
        }));
        var got = await silo.Programs.GetProgramAsync(new GetProgramRequest { ProgramId = program });

        Assert.Equal(
            [
                (StatusCode.InvalidArgument, "earning_rules.category_multipliers[books] earning_rules.location_rates[0].merchant_id"),
                (StatusCode.InvalidArgument, "earning_rules"),
                (StatusCode.InvalidArgument, "expiry_policy.kind"),
                (StatusCode.InvalidArgument, "expiry_policy.months"),
                (StatusCode.InvalidArgument, "tier_policy.grace_days tier_policy.window_months"),
            ],
            new[] { earning, missing, noKind, noMonths, tierPolicy }.Select(Violations));
        Assert.Equal(0, got.Rules.Version);
    }

    [Fact]
    public async Task Bad_expiry_options_are_invalid_argument_naming_the_field_and_good_ones_are_read_back()
    {
        var program = await CreateProgramAsync(silo);
        Task<(StatusCode, string)> Refused(ExpiryPolicy policy) => RefusedAsync(silo.Programs.SetExpiryPolicyAsync(new SetExpiryPolicyRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            ExpiryPolicy = policy,
        })).ContinueWith(t => Violations(t.Result), TaskScheduler.Default);

        var refusals = new[]
        {
            await Refused(new ExpiryPolicy { Kind = ExpiryKind.FifoLots, Months = 12, Days = 30 }),
            await Refused(new ExpiryPolicy { Kind = ExpiryKind.FifoLots, Days = 3661 }),
            await Refused(new ExpiryPolicy { Kind = ExpiryKind.Inactivity, Months = 12, PeriodEnd = (ExpiryPeriodEnd)9 }),
        };
        var good = new ExpiryPolicy { Kind = ExpiryKind.FifoLots, Days = 3660, PeriodEnd = ExpiryPeriodEnd.Year, AtEndOfDay = true };
        await silo.Programs.SetExpiryPolicyAsync(new SetExpiryPolicyRequest { RequestId = NewId("req"), ProgramId = program, ExpiryPolicy = good });
        var got = await silo.Programs.GetProgramAsync(new GetProgramRequest { ProgramId = program });

        Assert.Equal(
            [
                (StatusCode.InvalidArgument, "expiry_policy.days"),
                (StatusCode.InvalidArgument, "expiry_policy.days"),
                (StatusCode.InvalidArgument, "expiry_policy.period_end"),
            ],
            refusals);
        Assert.Equal((1L, good), (got.Rules.Version, got.Rules.ExpiryPolicy));
    }

    [Fact]
    public async Task Reinstating_expired_points_program_wide_is_recorded_and_counts_as_a_change()
    {
        var program = await CreateProgramAsync(silo);
        var request = new ReinstateExpiredPointsRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            ExpiredFrom = Timestamp.FromDateTime(Now.AddDays(-30)),
            Reason = "Expiry job ran a month early",
        };

        var reinstated = await silo.Programs.ReinstateExpiredPointsAsync(request);
        var retry = await silo.Programs.ReinstateExpiredPointsAsync(request);
        var backwards = await RefusedAsync(silo.Programs.ReinstateExpiredPointsAsync(new ReinstateExpiredPointsRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            ExpiredFrom = Timestamp.FromDateTime(Now),
            ExpiredUntil = Timestamp.FromDateTime(Now.AddDays(-1)),
            Reason = "Backwards",
        }));
        var got = await silo.Programs.GetProgramAsync(new GetProgramRequest { ProgramId = program });

        Assert.Equal(reinstated, retry);
        Assert.Equal((request.ExpiredFrom, (Timestamp?)null, "Expiry job ran a month early"),
            (reinstated.Reinstatement.ExpiredFrom, reinstated.Reinstatement.ExpiredUntil, reinstated.Reinstatement.Reason));
        Assert.NotEqual("", reinstated.Reinstatement.ReinstatementId);
        Assert.Equal((StatusCode.InvalidArgument, "expired_until"), Violations(backwards));
        Assert.Equal(1, got.Rules.Version);
    }

    [Fact]
    public async Task Reinstating_for_one_member_with_nothing_expired_is_failed_precondition()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);

        var nothing = await RefusedAsync(silo.Programs.ReinstateExpiredPointsAsync(new ReinstateExpiredPointsRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            MemberId = member,
            Reason = "Goodwill",
        }));
        var nobody = await RefusedAsync(silo.Programs.ReinstateExpiredPointsAsync(new ReinstateExpiredPointsRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            MemberId = "nobody",
            Reason = "Goodwill",
        }));

        Assert.Equal((StatusCode.FailedPrecondition, "NO_EXPIRED_POINTS"), (nothing.Code, nothing.Reason));
        Assert.Equal((StatusCode.NotFound, "MEMBER_NOT_FOUND"), (nobody.Code, nobody.Reason));
    }

    [Fact]
    public async Task The_next_checkout_earns_by_the_rules_just_set()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        var before = await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("shirt", 1, 1000)));

        await silo.Programs.SetEarningRulesAsync(new SetEarningRulesRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            EarningRules = new EarningRules { CategoryMultipliers = { ["general"] = 300 } },
        });
        var after = await silo.Checkout.RecordPurchaseAsync(Purchase(program, member, ("shirt", 1, 1000)));

        Assert.Equal((100, 300), (before.PointsEarned, after.PointsEarned));
    }

    [Fact]
    public async Task Changing_a_program_that_does_not_exist_is_not_found()
    {
        var refusals = new[]
        {
            await RefusedAsync(silo.Programs.UpsertTierAsync(UpsertTier("no-such-program", Tier("gold", 1, 100)))),
            await RefusedAsync(silo.Programs.ListTiersAsync(new ListTiersRequest { ProgramId = "no-such-program" })),
            await RefusedAsync(silo.Programs.CreatePromotionAsync(Promotion("no-such-program", "p", FirstPurchase))),
        };

        Assert.All(refusals, r => Assert.Equal((StatusCode.NotFound, "PROGRAM_NOT_FOUND"), (r.Code, r.Reason)));
    }

    /// <summary>A refusal's status and its violated fields, in order, separated by spaces.</summary>
    private static (StatusCode Code, string Fields) Violations((StatusCode Code, string Reason, IReadOnlyList<string> Fields) refusal) =>
        (refusal.Code, string.Join(" ", refusal.Fields.Order(StringComparer.Ordinal)));

    private static void FirstPurchase(CreatePromotionRequest promotion) =>
        promotion.FirstPurchase = new FirstPurchaseRule { BonusPoints = 10 };

    private static Tier Tier(string id, long threshold, long earnPercent, params string[] benefits) => new()
    {
        TierId = id,
        Name = char.ToUpperInvariant(id[0]) + id[1..],
        Threshold = threshold,
        EarnMultiplierPercent = earnPercent,
        Benefits = { benefits },
    };

    private static UpsertTierRequest UpsertTier(string program, Tier tier) => new()
    {
        RequestId = NewId("req"),
        ProgramId = program,
        Tier = tier,
    };

    /// <summary>A promotion from tomorrow for 30 days, to every member; <paramref name="configure"/> sets its rule and the rest.</summary>
    private static CreatePromotionRequest Promotion(string program, string id, Action<CreatePromotionRequest> configure)
    {
        var request = new CreatePromotionRequest
        {
            RequestId = NewId("req"),
            ProgramId = program,
            PromotionId = id,
            Name = $"Promotion {id}",
            StartsAt = Timestamp.FromDateTime(Now),
            EndsAt = Timestamp.FromDateTime(Now.AddDays(30)),
        };
        configure(request);
        return request;
    }

    /// <summary>The promotion a request creates, as the server reports it: the request's fields, defaults filled in.</summary>
    private static Promotion Expected(CreatePromotionRequest request, Timestamp createdAt)
    {
        var promotion = new Promotion
        {
            PromotionId = request.PromotionId,
            Name = request.Name,
            StartsAt = request.StartsAt,
            EndsAt = request.EndsAt,
            Target = request.Target ?? new PromotionTarget { Kind = TargetKind.AllMembers },
            UsageLimitPerMember = request.UsageLimitPerMember,
            EarlyAccess = request.EarlyAccess,
            DaysOfWeek = { request.DaysOfWeek },
            CreatedAt = createdAt,
        };
        switch (request.RuleCase)
        {
            case CreatePromotionRequest.RuleOneofCase.Multiplier:
                promotion.Multiplier = request.Multiplier;
                break;
            case CreatePromotionRequest.RuleOneofCase.SpendThreshold:
                promotion.SpendThreshold = request.SpendThreshold;
                break;
            case CreatePromotionRequest.RuleOneofCase.FirstPurchase:
                promotion.FirstPurchase = request.FirstPurchase;
                break;
            case CreatePromotionRequest.RuleOneofCase.PunchCard:
                promotion.PunchCard = request.PunchCard;
                break;
            case CreatePromotionRequest.RuleOneofCase.BuyOneGetOne:
                promotion.BuyOneGetOne = request.BuyOneGetOne;
                break;
            case CreatePromotionRequest.RuleOneofCase.Coupon:
                promotion.Coupon = request.Coupon;
                break;
            case CreatePromotionRequest.RuleOneofCase.RepeatPurchase:
                promotion.RepeatPurchase = request.RepeatPurchase;
                break;
            case CreatePromotionRequest.RuleOneofCase.CumulativeSpend:
                promotion.CumulativeSpend = request.CumulativeSpend;
                break;
        }
        return promotion;
    }
}
