using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>Checkout.ImportPurchaseHistory and the Insights service over gRPC against the real silo on PostgreSQL.</summary>
public sealed class InsightsTests(PostgresSiloFixture silo) : IClassFixture<PostgresSiloFixture>
{
    private static readonly DateTime Joined = new(2015, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    private Insights.InsightsClient Insights => new(silo.Silo.Channel);

    [Fact]
    public async Task Imported_history_feeds_the_members_value_but_moves_no_points_and_sent_again_changes_nothing()
    {
        var (program, ann) = await ProgramWithMemberAsync();
        var ledgerBefore = await LedgerAsync(silo, program, ann);
        var history = new[]
        {
            History(program, ann, "h1", new DateTime(2016, 3, 1, 10, 0, 0, DateTimeKind.Utc), 1_000, "acme", "s1"),
            History(program, ann, "h2", new DateTime(2016, 3, 1, 15, 0, 0, DateTimeKind.Utc), 500, "acme", "s2"),
            History(program, ann, "h3", new DateTime(2018, 7, 1, 12, 0, 0, DateTimeKind.Utc), 2_500),
        };

        var first = await ImportAsync(history);
        var again = await ImportAsync(history.Select(h => { var c = h.Clone(); c.ImportId = "history-2"; return c; }).ToArray());

        Assert.Equal(new ImportPurchaseHistoryResponse { Received = 3, Imported = 3 }, first);
        Assert.Equal(new ImportPurchaseHistoryResponse { Received = 3, Unchanged = 3 }, again);
        var member = (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = ann })).Member;
        Assert.Equal((0L, 0L), (member.Balance.Available, member.Balance.LifetimeEarned));
        Assert.Equal(ledgerBefore, await LedgerAsync(silo, program, ann));

        var value = await ValueWhenProjectedAsync(program, ann, purchases: 3, new GetMemberValueRequest
        {
            ProgramId = program,
            MemberId = ann,
            AsOf = Timestamp.FromDateTime(new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
            Horizon = Duration.FromTimeSpan(TimeSpan.FromDays(7 * 52)),
            // The published CDNOW fits (weeks; gamma in cents).
            Bgnbd = new BgNbdParameters { R = 0.243, Alpha = 4.414, A = 0.793, B = 2.426 },
            GammaGamma = new GammaGammaParameters { P = 6.25, Q = 3.74, Gamma = 1_544 },
        });
        Assert.Equal((3L, 2L, 4_000L, 0L), (value.Purchases, value.PurchaseDays, value.SpendMinor, value.PointsEarned));
        Assert.Equal(Timestamp.FromDateTime(history[0].OccurredAt.ToDateTime()), value.FirstPurchaseAt);
        Assert.Equal(Timestamp.FromDateTime(history[2].OccurredAt.ToDateTime()), value.LastPurchaseAt);
        // Two occasions, 2016-03-01 and 2018-07-01 (852 days apart), observed to 2019-01-01 (1036 days after the first): in weeks.
        Assert.Equal((1L, 852 / 7.0, 1036 / 7.0), (value.Frequency, value.Recency, value.Age));
        Assert.True(value.HasForecast);
        Assert.InRange(value.ProbabilityAlive, 0.01, 0.99);
        Assert.InRange(value.ExpectedPurchases, 0.001, 1);
        Assert.Equal(value.ExpectedPurchases * value.ExpectedAverageSpendMinor, value.ExpectedSpendMinor, 1e-6);
        // Gamma-Gamma pulls the one repeat occasion's 25.00 towards the population's mean (p·gamma/(q−1) = 35.22).
        Assert.InRange(value.ExpectedAverageSpendMinor, 2_500, 3_522);
    }

    [Fact]
    public async Task Bad_purchases_unknown_members_and_changed_purchases_fail_one_by_one_and_points_refuse_the_call()
    {
        var (program, ann) = await ProgramWithMemberAsync();
        var day = new DateTime(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await ImportAsync(History(program, ann, "h1", day, 100));
        var changed = History(program, ann, "h1", day, 999);
        var future = History(program, ann, "h2", DateTime.UtcNow.AddDays(2), 100);
        var wrong = History(program, ann, "h3", day, -1);
        wrong.Currency = "USD";
        var storeOnly = History(program, ann, "h4", day, 100);
        storeOnly.StoreId = "s1";
        var points = History(program, ann, "h5", day, 100);
        points.AwardPoints = true;

        var response = await ImportAsync(changed, History(program, "nobody", "h6", day, 1), future, wrong, storeOnly, points,
            History(program, ann, "h7", day, 7));

        Assert.Equal((7L, 1L, 0L, 6L), (response.Received, response.Imported, response.Unchanged, response.Failed));
        Assert.Equal(
        [
            (0L, "PURCHASE_ALREADY_IMPORTED", ""),
            (1L, "MEMBER_NOT_FOUND", ""),
            (2L, "INVALID_REQUEST", "occurred_at"),
            (3L, "INVALID_REQUEST", "amount_minor currency"),
            (4L, "INVALID_REQUEST", "merchant_id"),
            (5L, "INVALID_REQUEST", "award_points"),
        ], response.Failures.Select(f => (f.Index, f.Reason, string.Join(' ', f.FieldViolations.Select(v => v.Field)))));
        Assert.Contains("with a different amount_minor", response.Failures[0].Message);

        var first = History(program, ann, "h8", day, 1);
        first.AwardPoints = true;
        var refused = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(first));
        var unknown = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(History("no-such-program", ann, "h9", day, 1)));
        Assert.Equal((StatusCode.FailedPrecondition, "HISTORY_POINTS_NOT_SUPPORTED"), (refused.StatusCode, Refusal(refused).Reason));
        Assert.Equal((StatusCode.NotFound, "PROGRAM_NOT_FOUND"), (unknown.StatusCode, Refusal(unknown).Reason));
    }

    [Fact]
    public async Task A_fit_needs_whole_days_in_order_and_purchases_that_repeat()
    {
        var (program, ann) = await ProgramWithMemberAsync();
        await ImportAsync(History(program, ann, "h1", new DateTime(2017, 1, 5, 0, 0, 0, DateTimeKind.Utc), 100));
        await ValueWhenProjectedAsync(program, ann, purchases: 1, new GetMemberValueRequest { ProgramId = program, MemberId = ann });

        var badPeriod = await RefusedAsync(Insights.FitLifetimeValueModelAsync(new FitLifetimeValueModelRequest
        {
            ProgramId = program,
            CalibrationStart = Timestamp.FromDateTime(new DateTime(2017, 6, 1, 12, 0, 0, DateTimeKind.Utc)),
            CalibrationEnd = Timestamp.FromDateTime(new DateTime(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
            TimeUnit = Duration.FromTimeSpan(TimeSpan.FromHours(36)),
        }));
        var noRepeat = await RefusedAsync(Insights.FitLifetimeValueModelAsync(new FitLifetimeValueModelRequest
        {
            ProgramId = program,
            CalibrationStart = Timestamp.FromDateTime(new DateTime(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
            CalibrationEnd = Timestamp.FromDateTime(new DateTime(2018, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
        }));

        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST"), (badPeriod.Code, badPeriod.Reason));
        Assert.Equal(["calibration_start", "time_unit"], badPeriod.Fields);
        Assert.Equal((StatusCode.FailedPrecondition, "NOT_ENOUGH_DATA"), (noRepeat.Code, noRepeat.Reason));
    }

    [Fact]
    public async Task A_rebuild_empties_the_projection_and_it_comes_back_the_same_from_the_journal()
    {
        var (program, ann) = await ProgramWithMemberAsync();
        await ImportAsync(
            History(program, ann, "h1", new DateTime(2017, 1, 5, 0, 0, 0, DateTimeKind.Utc), 100),
            History(program, ann, "h2", new DateTime(2017, 2, 5, 0, 0, 0, DateTimeKind.Utc), 300));
        await silo.Checkout.RecordPurchaseAsync(Purchase(program, ann, ("shirt", 1, 2_000)));
        var request = new GetMemberValueRequest { ProgramId = program, MemberId = ann };
        var before = await ValueWhenProjectedAsync(program, ann, purchases: 3, request);

        await Insights.RebuildProjectionAsync(new RebuildProjectionRequest());
        var after = await ValueWhenProjectedAsync(program, ann, purchases: 3, request);

        Assert.Equal(before, after);
        Assert.Equal((2_400L, 200L), (after.SpendMinor, after.PointsEarned));
        // January and February 2017: the two imported purchases, on two days, of the one member enrolled before.
        var metrics = await Insights.GetProgramMetricsAsync(new GetProgramMetricsRequest
        {
            ProgramId = program,
            PeriodStart = Timestamp.FromDateTime(new DateTime(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
            PeriodEnd = Timestamp.FromDateTime(new DateTime(2017, 3, 1, 0, 0, 0, DateTimeKind.Utc)),
        });
        Assert.Equal(new GetProgramMetricsResponse
        {
            Members = 1, ActiveMembers = 1, RepeatMembers = 1, Purchases = 2, SpendMinor = 400,
            AverageOrderValueMinor = 200, RepeatPurchaseRate = 1, PurchaseFrequency = 2, ChurnDays = 90,
        }, metrics);
        // At merchant acme, where nothing was bought; a store needs its merchant.
        var atAcme = await Insights.GetProgramMetricsAsync(new GetProgramMetricsRequest
        {
            ProgramId = program, MerchantId = "acme", ChurnDays = 30,
            PeriodStart = Timestamp.FromDateTime(new DateTime(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
            PeriodEnd = Timestamp.FromDateTime(new DateTime(2017, 3, 1, 0, 0, 0, DateTimeKind.Utc)),
        });
        var storeOnly = await RefusedAsync(Insights.GetProgramMetricsAsync(new GetProgramMetricsRequest
        {
            ProgramId = program, StoreId = "s1", ChurnDays = -1,
            PeriodStart = Timestamp.FromDateTime(new DateTime(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
            PeriodEnd = Timestamp.FromDateTime(new DateTime(2017, 3, 1, 0, 0, 0, DateTimeKind.Utc)),
        }));
        Assert.Equal(new GetProgramMetricsResponse { Members = 1, ChurnDays = 30 }, atAcme);
        Assert.Equal(["store_id", "churn_days"], storeOnly.Fields);
        var status = await Insights.GetProjectionStatusAsync(new GetProjectionStatusRequest());
        Assert.True(status.Events > 0);
        // Caught up, nothing waits; behind, the oldest waiting event has waited some time.
        Assert.Equal(status.CaughtUp, status.Lag.ToTimeSpan() == TimeSpan.Zero);
    }

    [Fact]
    public async Task Retention_cohorts_count_by_enrolment_month_the_members_who_bought_each_month_after()
    {
        // ann joined in May 2015 (ProgramWithMemberAsync), bob in June; ann bought in May and July, bob in June and July.
        var (program, ann) = await ProgramWithMemberAsync();
        var bob = NewId("bob");
        using (var call = silo.Members.ImportMembers())
        {
            await call.RequestStream.WriteAsync(new ImportMemberRequest
            {
                ImportId = "import-2", ProgramId = program, MemberId = bob, EnrolledAt = Timestamp.FromDateTime(Joined.AddMonths(1)),
            });
            await call.RequestStream.CompleteAsync();
            Assert.Equal(1, (await call).Imported);
        }
        await ImportAsync(
            History(program, ann, "a1", Joined.AddDays(3), 100), History(program, ann, "a2", Joined.AddMonths(2), 100),
            History(program, bob, "b1", Joined.AddMonths(1).AddDays(1), 100), History(program, bob, "b2", Joined.AddMonths(2).AddDays(9), 100));
        await ValueWhenProjectedAsync(program, bob, purchases: 2, new GetMemberValueRequest { ProgramId = program, MemberId = bob });
        await ValueWhenProjectedAsync(program, ann, purchases: 2, new GetMemberValueRequest { ProgramId = program, MemberId = ann });

        var cohorts = await Insights.GetRetentionCohortsAsync(new GetRetentionCohortsRequest
        {
            ProgramId = program, PeriodStart = Timestamp.FromDateTime(Joined), PeriodEnd = Timestamp.FromDateTime(Joined.AddMonths(2)), Months = 2,
        });
        var refused = await RefusedAsync(Insights.GetRetentionCohortsAsync(new GetRetentionCohortsRequest
        {
            ProgramId = program, PeriodStart = Timestamp.FromDateTime(Joined.AddDays(1)), PeriodEnd = Timestamp.FromDateTime(Joined), Months = -1,
        }));

        // May: ann; months 0, 1, 2 = May, June, July: bought, not, bought. June: bob, bought in June and July (month 2 is August).
        Assert.Equal(new GetRetentionCohortsResponse
        {
            Basis = CohortBasis.Enrolment,
            Months = 2,
            Cohorts =
            {
                new RetentionCohort { MonthStart = Timestamp.FromDateTime(Joined), Members = 1, Retained = { 1, 0, 1 }, Share = { 1, 0, 1 } },
                new RetentionCohort { MonthStart = Timestamp.FromDateTime(Joined.AddMonths(1)), Members = 1, Retained = { 1, 1, 0 }, Share = { 1, 1, 0 } },
            },
        }, cohorts);
        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST"), (refused.Code, refused.Reason));
        Assert.Equal(["period_start", "months"], refused.Fields);
    }

    [Fact]
    public async Task Points_liability_values_the_points_members_hold_and_needs_a_value_outside_a_coalition()
    {
        var program = await CreateProgramAsync(silo);
        var cy = NewId("cy");
        var joined = DateTime.UtcNow.Date.AddDays(-1);   // recent: no expiry policy has reached the points
        using (var call = silo.Members.ImportMembers())
        {
            await call.RequestStream.WriteAsync(new ImportMemberRequest
            {
                ImportId = "import-1", ProgramId = program, MemberId = cy, EnrolledAt = Timestamp.FromDateTime(joined),
                OpeningPoints = 2_500, OpeningReason = "Balance from the old card",
            });
            await call.RequestStream.CompleteAsync();
            Assert.Equal(1, (await call).Imported);
        }
        var request = new GetPointsLiabilityRequest { ProgramId = program, ValueMinorPerThousandPoints = 7_500 };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var liability = await Insights.GetPointsLiabilityAsync(request);
        while (liability.OutstandingPoints == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            liability = await Insights.GetPointsLiabilityAsync(request);
        }
        var refused = await RefusedAsync(Insights.GetPointsLiabilityAsync(new GetPointsLiabilityRequest { ProgramId = program }));

        // 2500 points from yesterday, nothing spent: worth ⌊2500 × 7.5⌋ = 18750 minor units, no breakage seen yet.
        Assert.Equal(new GetPointsLiabilityResponse
        {
            OutstandingPoints = 2_500, ValueMinorPerThousandPoints = 7_500, Currency = liability.Currency, LiabilityMinor = 18_750,
            ExpectedRedeemedPoints = 2_500, ExpectedLiabilityMinor = 18_750,
            Cohorts =
            {
                new EarningCohort
                {
                    MonthStart = Timestamp.FromDateTime(new DateTime(joined.Year, joined.Month, 1, 0, 0, 0, DateTimeKind.Utc)),
                    Earned = 2_500, Outstanding = 2_500,
                },
            },
        }, liability);
        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST"), (refused.Code, refused.Reason));
        Assert.Equal(["value_minor_per_thousand_points"], refused.Fields);
    }

    [Fact]
    public async Task Exported_reports_parse_back_to_what_their_get_methods_answer()
    {
        var (program, ann) = await ProgramWithMemberAsync();
        await ImportAsync(History(program, ann, "h1", Joined.AddDays(2), 1_000, "acme", "s1"), History(program, ann, "h2", Joined.AddMonths(1), 500));
        await ValueWhenProjectedAsync(program, ann, purchases: 2, new GetMemberValueRequest { ProgramId = program, MemberId = ann });
        var metricsRequest = new GetProgramMetricsRequest
        {
            ProgramId = program, PeriodStart = Timestamp.FromDateTime(Joined), PeriodEnd = Timestamp.FromDateTime(Joined.AddMonths(2)),
        };
        var cohortsRequest = new GetRetentionCohortsRequest
        {
            ProgramId = program, PeriodStart = Timestamp.FromDateTime(Joined), PeriodEnd = Timestamp.FromDateTime(Joined.AddMonths(1)), Months = 2,
        };
        var liabilityRequest = new GetPointsLiabilityRequest { ProgramId = program, ValueMinorPerThousandPoints = 10 };
        var export = (InsightsReport report) => Insights.ExportInsightsAsync(new ExportInsightsRequest
        {
            ProgramId = program, Report = report, ProgramMetrics = metricsRequest, RetentionCohorts = cohortsRequest,
            PointsLiability = liabilityRequest,
        }).ResponseAsync;

        var metrics = ParseCsv((await export(InsightsReport.ProgramMetrics)).Csv);
        var cohorts = ParseCsv((await export(InsightsReport.RetentionCohorts)).Csv);
        var liability = ParseCsv((await export(InsightsReport.PointsLiability)).Csv);
        var refused = await RefusedAsync(Insights.ExportInsightsAsync(new ExportInsightsRequest
        {
            ProgramId = program, Report = InsightsReport.ProgramMetrics, ProgramMetrics = new GetProgramMetricsRequest { ChurnDays = -5 },
        }));

        var m = await Insights.GetProgramMetricsAsync(metricsRequest);
        Assert.Equal(2, metrics.Count);
        var row = metrics[0].Zip(metrics[1]).ToDictionary(c => c.First, c => c.Second);
        Assert.Equal((program, "2015-05-01", "2015-07-01", "90"), (row["program_id"], row["period_start"], row["period_end"], row["churn_days"]));
        Assert.Equal((m.Members, m.ActiveMembers, m.RepeatMembers, m.Purchases, m.SpendMinor, m.AverageOrderValueMinor),
            (long.Parse(row["members"]), long.Parse(row["active_members"]), long.Parse(row["repeat_members"]), long.Parse(row["purchases"]),
                long.Parse(row["spend_minor"]), double.Parse(row["average_order_value_minor"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal((1L, 1L, 2L, 1_500L, 750.0), (m.Members, m.RepeatMembers, m.Purchases, m.SpendMinor, m.AverageOrderValueMinor));
        // May's cohort (ann), months 0, 1, 2: May, June bought; July not.
        Assert.Equal(
        [
            ["program_id", "basis", "cohort_month", "members", "months_after", "retained", "share"],
            [program, "enrolment", "2015-05-01", "1", "0", "1", "1"],
            [program, "enrolment", "2015-05-01", "1", "1", "1", "1"],
            [program, "enrolment", "2015-05-01", "1", "2", "0", "0"],
        ], cohorts);
        // Imported history earns no points: the two months with purchases are earning months of nothing, and the total is 0.
        Assert.Equal(
        [
            ["program_id", "currency", "value_minor_per_thousand_points", "row", "month_start", "earned", "redeemed", "expired", "reversed",
                "outstanding_points", "closed", "liability_minor", "breakage_rate", "expected_redeemed_points", "expected_liability_minor"],
            [program, liability[1][1], "10", "cohort", "2015-05-01", "0", "0", "0", "0", "0", "false", "", "", "", ""],
            [program, liability[1][1], "10", "cohort", "2015-06-01", "0", "0", "0", "0", "0", "false", "", "", "", ""],
            [program, liability[1][1], "10", "total", "", "0", "0", "0", "0", "0", "", "0", "0", "0", "0"],
        ], liability);
        Assert.Equal(["program_metrics.period_start", "program_metrics.period_end", "program_metrics.churn_days"], refused.Fields);
    }

    /// <summary>RFC 4180: fields split on commas, a quoted field may hold commas, quotes (doubled) and line breaks; every line ends "\n".</summary>
    private static List<string[]> ParseCsv(string csv)
    {
        Assert.EndsWith("\n", csv);
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',' || c == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                if (c == '\n')
                {
                    rows.Add([.. row]);
                    row.Clear();
                }
            }
            else
            {
                field.Append(c);
            }
        }
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
        return rows;
    }

    [Fact]
    public async Task The_staff_view_counts_enrolments_per_store_and_terminal_where_members_joined()
    {
        var program = await CreateProgramAsync(silo);
        var members = new List<string>();
        foreach (var (merchant, store, terminal) in new[] { ("acme", "s1", "t1"), ("acme", "s1", "t1"), ("acme", "s1", "t2"), ("acme", "s2", ""), ("", "", "") })
        {
            members.Add((await silo.Members.EnrollMemberAsync(new EnrollMemberRequest
            {
                RequestId = NewId("enrol"), ProgramId = program, MerchantId = merchant, StoreId = store, TerminalId = terminal,
            })).Member.MemberId);
        }
        // Two answers at till t1 and one at store s2's till t5, where nobody enrolled.
        foreach (var (member, store, terminal) in new[] { (members[0], "s1", "t1"), (members[1], "s1", "t1"), (members[3], "s2", "t5") })
        {
            await new Feedback.FeedbackClient(silo.Silo.Channel).SubmitFeedbackAsync(new SubmitFeedbackRequest
            {
                RequestId = NewId("fb"), ProgramId = program, MemberId = member, MerchantId = "acme", StoreId = store, TerminalId = terminal,
                Channel = FeedbackChannel.Pos, Nps = 9,
            });
        }
        var noMerchant = await RefusedAsync(silo.Members.EnrollMemberAsync(new EnrollMemberRequest
        {
            RequestId = NewId("enrol"), ProgramId = program, StoreId = "s1", TerminalId = "t1",
        }));
        var today = DateTime.UtcNow.Date;
        var request = new GetProgramMetricsRequest
        {
            ProgramId = program,
            PeriodStart = Timestamp.FromDateTime(DateTime.SpecifyKind(today, DateTimeKind.Utc)),
            PeriodEnd = Timestamp.FromDateTime(DateTime.SpecifyKind(today.AddDays(1), DateTimeKind.Utc)),
        };

        var all = await MetricsWhenAsync(request, m => m.Staff.Sum(s => s.Enrolments) == 5 && m.Staff.Sum(s => s.Feedback) == 3);
        var atS1 = await Insights.GetProgramMetricsAsync(new GetProgramMetricsRequest(request) { MerchantId = "acme", StoreId = "s1" });

        Assert.Equal((StatusCode.InvalidArgument, "store_id"), (noMerchant.Code, Assert.Single(noMerchant.Fields)));
        Assert.Equal([("", "", "", 1L, 0L), ("acme", "s1", "t1", 2L, 2L), ("acme", "s1", "t2", 1L, 0L), ("acme", "s2", "", 1L, 0L), ("acme", "s2", "t5", 0L, 1L)],
            all.Staff.Select(s => (s.MerchantId, s.StoreId, s.TerminalId, s.Enrolments, s.Feedback)));
        Assert.Equal([("acme", "s1", "t1", 2L, 2L), ("acme", "s1", "t2", 1L, 0L)],
            atS1.Staff.Select(s => (s.MerchantId, s.StoreId, s.TerminalId, s.Enrolments, s.Feedback)));
        Assert.Equal((5L, 5L), (all.Members, all.NewMembers));
    }

    private async Task<GetProgramMetricsResponse> MetricsWhenAsync(GetProgramMetricsRequest request, Func<GetProgramMetricsResponse, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var metrics = await Insights.GetProgramMetricsAsync(request);
            if (done(metrics) || DateTime.UtcNow > deadline)
            {
                return metrics;
            }
            await Task.Delay(100);
        }
    }

    private async Task<(string Program, string Member)> ProgramWithMemberAsync()
    {
        var program = await CreateProgramAsync(silo);
        var ann = NewId("ann");
        using var call = silo.Members.ImportMembers();
        await call.RequestStream.WriteAsync(new ImportMemberRequest
        {
            ImportId = "import-1", ProgramId = program, MemberId = ann, EnrolledAt = Timestamp.FromDateTime(Joined),
        });
        await call.RequestStream.CompleteAsync();
        Assert.Equal(1, (await call).Imported);
        return (program, ann);
    }

    private static ImportPurchaseHistoryRequest History(string program, string member, string purchaseId, DateTime at, long amountMinor,
        string merchant = "", string store = "") => new()
    {
        ImportId = "history-1",
        ProgramId = program,
        MemberId = member,
        PurchaseId = purchaseId,
        OccurredAt = Timestamp.FromDateTime(at),
        AmountMinor = amountMinor,
        MerchantId = merchant,
        StoreId = store,
    };

    private async Task<ImportPurchaseHistoryResponse> ImportAsync(params ImportPurchaseHistoryRequest[] purchases)
    {
        using var call = silo.Checkout.ImportPurchaseHistory();
        foreach (var purchase in purchases)
        {
            await call.RequestStream.WriteAsync(purchase);
        }
        await call.RequestStream.CompleteAsync();
        return await call;
    }

    /// <summary>The member's value once the projection has caught up with their <paramref name="purchases"/> (a moment after the journal).</summary>
    private async Task<GetMemberValueResponse> ValueWhenProjectedAsync(string program, string member, long purchases, GetMemberValueRequest request)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                var value = await Insights.GetMemberValueAsync(request);
                if (value.Purchases == purchases || DateTime.UtcNow > deadline)
                {
                    return value;
                }
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound && DateTime.UtcNow < deadline)
            {
            }
            await Task.Delay(100);
        }
    }
}
