using System.Collections;
using System.Reflection;
using LoyaltyGrid.Domain.Benefits;
using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>
/// Program commands are digested from an explicit field list, like member commands: pinned, every field counted, and
/// a retry of a change recorded with the earlier (C# JSON) digest still recognised.
/// </summary>
public sealed class ProgramFingerprintTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 14, 15, 9, 26, TimeSpan.Zero);
    private static readonly PromotionTarget Target = new(TargetKind.Tiers, ["gold"], 90);
    private static readonly ItemScope Scope = new(["coffee"], ["latte"]) { Labels = ["brand-acme"] };

    /// <summary>One command of every kind, every field set.</summary>
    public static IReadOnlyList<IProgramCommand> Commands { get; } =
    [
        new CreateProgram("req-1", "prog-1", "Coffee Club", "EUR", 10, TimeSpan.FromMinutes(20), false, TimeSpan.FromDays(30), "Europe/Berlin", "key:a", TimeSpan.FromDays(90))
        {
            MaxTransferPointsPerDay = 5_000,
        },
        new SetEarningRules("req-1", "prog-1", "key:a", new EarningRules
        {
            CategoryMultiplierPercents = new Dictionary<string, long> { ["coffee"] = 200 },
            SkuMultiplierPercents = new Dictionary<string, long> { ["latte"] = 300 },
            ExcludedCategories = ["tobacco"],
            LocationRates = [new LocationRate("merchant-1", "store-1", 20)],
            MinQualifyingSpendMinor = 500,
            PendingPeriod = TimeSpan.FromDays(14),
            CouponReturn = CouponReturnPolicy.KeepUsed,
            ExcludedSkus = ["tobacco-10"],
            ExcludedLabels = ["deposit"],
            LabelMultiplierPercents = new Dictionary<string, long> { ["organic"] = 150 },
            EarnOnly = new ItemScope(["groceries"], ["gift-wrap"]) { Labels = ["house-brand"] },
        }),
        // Months and days together are refused by validation, but each must still count in the digest.
        new SetExpiryPolicy("req-1", "prog-1", "key:a", new ExpiryPolicy(ExpiryKind.FifoLots, 24)
        {
            Days = 30, PeriodEnd = ExpiryPeriodEnd.Quarter, AtEndOfDay = true,
        }),
        new SetTierPolicy("req-1", "prog-1", "key:a", new TierPolicy(TierMetric.PointsEarned, 6, 3, 14)),
        new SetTierPolicy("req-1", "prog-1", "key:a", new TierPolicy(TierMetric.PointsEarned, 6, 3, 14) { DowngradeMode = TierDowngradeMode.Immediate }),
        new UpsertTier("req-1", "prog-1", "key:a", new TierDefinition("gold", "Gold", 100_000, 150, ["free-shipping"])),
        .. new PromotionRule[]
        {
            new BonusMultiplierRule(200, Scope), new SpendThresholdRule(10_000, 500), new FirstPurchaseRule(250), new PunchCardRule(9, Scope),
            new BuyOneGetOneRule(50, Scope), new CouponRule(500, 10, 100), new RepeatPurchaseRule(3, 30, 300), new CumulativeSpendRule(100_000, 1_000),
            new FixedBonusRule(50, 10, Scope), new BounceBackRule(10_000, 10, 5, 30),
        }.Select(rule => new CreatePromotion("req-1", "prog-1", "key:a", "promo-1", "Promo", rule, At, At.AddDays(30), Target, 3,
            new EarlyAccess("gold", At.AddDays(-2)), [DayOfWeek.Monday])
        {
            Locations = [new PromotionLocation("merchant-1", "store-1")],
            MinBasketMinor = 5_000,
        }),
        new EndPromotion("req-1", "prog-1", "key:a", "promo-1"),
        new IssueCoupons("req-1", "prog-1", "key:a", "promo-1", 10, "member-1", 2, At, At.AddDays(30)),
        new ReinstateProgramPoints("req-1", "prog-1", "key:a", At.AddDays(-30), At, "outage"),
        new PublishBenefit("req-1", "prog-1", "key:a", "benefit-1", "Warranty", BenefitKind.FreeService, 10, 500, FreeService.ExtendedWarranty, 50,
            Target, At, At.AddDays(365), ["merchant-1"]),
        new RetireBenefit("req-1", "prog-1", "key:a", "benefit-1"),
        new ConfigureCoalition("req-1", "prog-1", "key:a", "Main Street", 5_000),
        new JoinPartner("req-1", "prog-1", "key:a", new PartnerTerms("merchant-1", 10, 8_000, 7_500), At),
        new UpdatePartnerTerms("req-1", "prog-1", "key:a", new PartnerTerms("merchant-1", 10, 8_000, 7_500), At),
        new RemovePartner("req-1", "prog-1", "key:a", "merchant-1", At),
        new SetBirthdayBonus("req-1", "prog-1", "key:a", new BirthdayBonus(500, BirthdayWindow.Month)),
        new UpsertEventRule("req-1", "prog-1", "key:a", new EventRule("review_written", "Review written", 50, EventCapPeriod.Week, 3, At,
            At.AddDays(30), ["gold"]) { EndedAt = At.AddDays(1) }),
        new EndEventRule("req-1", "prog-1", "key:a", "review_written"),
        new SetEngagementBonuses("req-1", "prog-1", "key:a", new EngagementBonuses(200, 75)),
        new SetFeedbackReward("req-1", "prog-1", "key:a", new FeedbackReward(50, 4, TimeSpan.FromDays(30))),
        new SetReferralRules("req-1", "prog-1", "key:a", new ReferralRules(500, 200, 2_000, 5, 30, 90)),
        new DefineSegment("req-1", "prog-1", "key:a", "vip", "Big spenders", new SegmentConditions
        {
            TierIds = ["gold"], MinPoints = 100, MaxPoints = 1_000_000, WindowDays = 90, MinPurchases = 3, MaxPurchases = 50,
            MinSpendMinor = 10_000, MaxSpendMinor = 9_000_000, MinDaysSinceLastPurchase = 1, MaxDaysSinceLastPurchase = 30,
            EnrolledFrom = At.AddDays(-365), EnrolledBefore = At, BirthdayMonths = [3, 4],
        }),
        new DefineSegment("req-1", "prog-1", "key:a", "champions", "Champions", new SegmentConditions
        {
            WindowDays = 365, ConsentedChannels = [Profiles.ConsentChannel.Email], VisitedMerchantIds = ["merchant-1"], MinMerchantsVisited = 2,
            NpsCategories = [NpsCategory.Promoter],
            Rfm = new RfmBands
            {
                RecencyDays = [30, 60, 120, 240], FrequencyPurchases = [2, 4, 8, 12], MonetaryMinor = [5_000, 20_000, 50_000, 100_000],
                MinRecency = 4, MaxRecency = 5, MinFrequency = 3, MaxFrequency = 5, MinMonetary = 4, MaxMonetary = 5,
            },
        }),
        new SetMessagingPolicy("req-1", "prog-1", "key:a", new LoyaltyGrid.Domain.Messaging.MessagingPolicy(22 * 60, 8 * 60, 2, 5, 1_000, 14)),
        new SetMessagingPolicy("req-1", "prog-1", "key:a", new LoyaltyGrid.Domain.Messaging.MessagingPolicy(22 * 60, 8 * 60, 2, 5, 1_000, 14)
            { TierWarningDays = 30 }),
    ];

    public static TheoryData<int> Indexes() => [.. Enumerable.Range(0, Commands.Count)];

    [Fact]
    public void Every_program_command_kind_has_a_sample()
    {
        var kinds = typeof(IProgramCommand).Assembly.GetTypes()
            .Where(t => typeof(IProgramCommand).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface);
        Assert.Equal(kinds.Select(t => t.Name).Order(), Commands.Select(c => c.GetType().Name).Distinct().Order());
    }

    [Fact]
    public void A_program_command_is_digested_from_its_explicit_fields_and_the_digest_is_pinned()
    {
        // Pinned: it is written into the program's journal, so it changes only with a new version prefix.
        Assert.Equal("2:di06HhxyrGg5V5B3M+IDIw==", Fingerprint.Of(Commands[0]));
        Assert.All(Commands, c => Assert.StartsWith("2:", Fingerprint.Of(c), StringComparison.Ordinal));
        Assert.Equal(Commands.Count, Commands.Select(Fingerprint.Of).Distinct().Count());
    }

    /// <summary>Expiry options came later: a policy without them keeps the digest recorded before they existed.</summary>
    [Fact]
    public void An_expiry_policy_without_the_later_options_keeps_its_earlier_digest()
    {
        var policy = new SetExpiryPolicy("req-1", "prog-1", "key:a", new ExpiryPolicy(ExpiryKind.FifoLots, 24));

        Assert.Equal("2:HCeIMLJ2UCN+CqXy3JBbwQ==", Fingerprint.Of(policy)); // computed before the options existed
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Changing_any_field_of_a_program_command_changes_its_fingerprint(int index)
    {
        var command = Commands[index];
        var fingerprint = Fingerprint.Of(command);
        foreach (var (path, changed) in Variants(command, command.GetType().Name))
        {
            Assert.True(Fingerprint.Of(changed) != fingerprint, $"{path} is not in the fingerprint of {command.GetType().Name}");
        }
    }

    [Theory]
    [MemberData(nameof(Indexes))]
    public void A_change_recorded_with_the_earlier_digest_is_still_recognised_on_retry(int index)
    {
        var command = Commands[index];
        var legacy = Fingerprint.Legacy(command);

        Assert.True(Fingerprint.Matches(legacy, command, Fingerprint.Of(command)));
        Assert.False(Fingerprint.Matches(legacy, Variants(command, "").First().Changed, Fingerprint.Of(Variants(command, "").First().Changed)));
    }

    /// <summary>Copies of <paramref name="value"/> with one field (at any depth) changed, and that field's path.</summary>
    private static IEnumerable<(string Path, object Changed)> Variants(object value, string path)
    {
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var current = property.GetValue(value);
            foreach (var (inner, changed) in Changes(current, property.PropertyType, $"{path}.{property.Name}"))
            {
                var copy = Clone(value);
                property.SetValue(copy, changed);
                yield return (inner, copy);
            }
        }
    }

    private static IEnumerable<(string Path, object? Changed)> Changes(object? current, Type type, string path)
    {
        var plain = Nullable.GetUnderlyingType(type) ?? type;
        object? Next() => current switch
        {
            string s => s + "x",
            long n => n + 1,
            int n => n + 1,
            bool b => !b,
            TimeSpan t => t + TimeSpan.FromTicks(1),
            DateTimeOffset d => d.AddTicks(1),
            Enum e => Enum.GetValues(plain).Cast<object>().First(v => !v.Equals(e)),
            null => null,
            _ => null,
        };
        if (Next() is { } next)
        {
            yield return (path, next);
            yield break;
        }
        switch (current)
        {
            case IReadOnlyList<string> list:
                yield return (path, (IReadOnlyList<string>)[.. list, "extra"]);
                break;
            // Before the days: an array of one int-based enum is also an array of another to the runtime.
            case IReadOnlyList<Profiles.ConsentChannel> channels when type == typeof(IReadOnlyList<Profiles.ConsentChannel>):
                yield return (path, (IReadOnlyList<Profiles.ConsentChannel>)[.. channels, Profiles.ConsentChannel.Push]);
                break;
            case IReadOnlyList<NpsCategory> categories when type == typeof(IReadOnlyList<NpsCategory>):
                yield return (path, (IReadOnlyList<NpsCategory>)[.. categories, NpsCategory.Detractor]);
                break;
            case IReadOnlyList<int> numbers when type == typeof(IReadOnlyList<int>):
                yield return (path, (IReadOnlyList<int>)[.. numbers, 99]);
                break;
            case IReadOnlyList<long> numbers when type == typeof(IReadOnlyList<long>):
                yield return (path, (IReadOnlyList<long>)[.. numbers, 99]);
                break;
            case IReadOnlyList<DayOfWeek> days:
                yield return (path, (IReadOnlyList<DayOfWeek>)[.. days, DayOfWeek.Sunday]);
                break;
            case IReadOnlyDictionary<string, long> map:
                yield return (path, new Dictionary<string, long>(map) { ["extra"] = 1 });
                break;
            case IEnumerable list and not string:
                var items = list.Cast<object>().ToList();
                foreach (var (inner, changed) in Variants(items[0], path + "[0]"))
                {
                    var copy = items.ToList();
                    copy[0] = changed;
                    yield return (inner, CopyList(current, copy));
                }
                break;
            case not null when plain.IsClass:
                foreach (var variant in Variants(current, path))
                {
                    yield return variant;
                }
                break;
        }
    }

    private static object CopyList(object original, List<object> items)
    {
        var element = original.GetType().IsArray ? original.GetType().GetElementType()! : original.GetType().GetGenericArguments()[0];
        var array = Array.CreateInstance(element, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            array.SetValue(items[i], i);
        }
        return array;
    }

    private static object Clone(object record) =>
        record.GetType().GetMethod("<Clone>$")!.Invoke(record, null)!;
}
