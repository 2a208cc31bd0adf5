using LoyaltyGrid.Domain.Offers;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.Offers;

/// <summary>Ranking by expected value with a Beta(1,4) prior on the acceptance rate, and the one-line reasons, worked by hand.</summary>
public sealed class OfferRankingTests
{
    private static Offer Offer(string id, OfferKind kind = OfferKind.BonusPoints, long points = 500, long pointValue = 1000, long programValue = 0,
        int days = 7) =>
        new(id, id, "", kind, kind == OfferKind.BonusPoints ? points : 0, kind == OfferKind.Coupon ? "five-off" : null,
            kind == OfferKind.Reward ? "coffee" : null, [], [], [], TestClock.Start, TestClock.Start.AddDays(days), 1, pointValue, programValue);

    private static OfferCounts Counts(long shown, long acceptedMembers) => new(shown, acceptedMembers, acceptedMembers, 0, acceptedMembers);

    [Fact]
    public void The_prior_is_one_in_five_and_fades_as_members_respond()
    {
        Assert.Equal(0.2, OfferRanking.AcceptProbability(OfferCounts.None), 10);
        // (45 + 1) / (95 + 5)
        Assert.Equal(0.46, OfferRanking.AcceptProbability(Counts(95, 45)), 10);
        // Accepted without being shown first still gives a probability of at most 1.
        Assert.True(OfferRanking.AcceptProbability(Counts(0, 50)) < 1);
    }

    [Fact]
    public void Values_are_the_points_at_the_offers_point_value_the_coupons_discount_and_the_rewards_cost()
    {
        // 500 points at 1 cent each: 5.00; a fixed 5.00 coupon; a reward of 300 points at 1.5 cents: 4.50.
        var bonus = OfferRanking.Candidate(Offer("bonus"), OfferCounts.None, null, 0);
        var coupon = OfferRanking.Candidate(Offer("coupon", OfferKind.Coupon, pointValue: 0), OfferCounts.None, new CouponRule(500, 0, 0), 0);
        var percent = OfferRanking.Candidate(Offer("percent", OfferKind.Coupon, pointValue: 0), OfferCounts.None, new CouponRule(0, 10, 0), 0);
        var reward = OfferRanking.Candidate(Offer("reward", OfferKind.Reward, pointValue: 1500), OfferCounts.None, null, 300);
        var noValue = OfferRanking.Candidate(Offer("points", pointValue: 0), OfferCounts.None, null, 0);

        Assert.Equal((500L, true), (bonus.MemberValueMinor, bonus.ValueKnown));
        Assert.Equal((500L, true), (coupon.MemberValueMinor, coupon.ValueKnown));
        Assert.Equal((0L, false), (percent.MemberValueMinor, percent.ValueKnown));
        Assert.Equal((450L, true), (reward.MemberValueMinor, reward.ValueKnown));
        // No point value: a point counts as one minor unit, and the reason says points.
        Assert.Equal((500L, false), (noValue.MemberValueMinor, noValue.ValueKnown));
    }

    [Fact]
    public void Offers_are_ranked_by_probability_times_value_with_reasons_against_the_average()
    {
        // P: popular (39+1)/(95+5) = 0.4; fresh 0.2; unpopular (0+1)/(15+5) = 0.05. Average 0.2167.
        var popular = OfferRanking.Candidate(Offer("popular", points: 200), Counts(95, 39), null, 0);
        var fresh = OfferRanking.Candidate(Offer("fresh", points: 500), OfferCounts.None, null, 0);
        var unpopular = OfferRanking.Candidate(Offer("unpopular", points: 5000), Counts(15, 0), null, 0);

        var ranked = OfferRanking.Rank([popular, fresh, unpopular], "EUR");

        // Expected values: 0.05 × 5000 = 250 > 0.2 × 500 = 100 > 0.4 × 200 = 80.
        Assert.Equal(["unpopular", "fresh", "popular"], ranked.Select(r => r.Candidate.Offer.OfferId));
        Assert.Equal([250.0, 100.0, 80.0], ranked.Select(r => Math.Round(r.ExpectedValueMinor, 6)));
        Assert.Equal("4.3x less likely than average to be taken; worth ~50.00 EUR to you", ranked[0].Reason);
        Assert.Equal("1.1x less likely than average to be taken; worth ~5.00 EUR to you", ranked[1].Reason);
        Assert.Equal("1.8x more likely than average to be taken; worth ~2.00 EUR to you", ranked[2].Reason);
    }

    [Fact]
    public void The_programs_value_adds_to_the_members_and_ties_go_to_the_offer_ending_first()
    {
        var plain = OfferRanking.Candidate(Offer("plain", points: 500), OfferCounts.None, null, 0);
        var valuable = OfferRanking.Candidate(Offer("valuable", points: 100, programValue: 1000), OfferCounts.None, null, 0);
        var sooner = OfferRanking.Candidate(Offer("sooner", points: 500, days: 2), OfferCounts.None, null, 0);

        var ranked = OfferRanking.Rank([plain, valuable, sooner], "EUR");

        Assert.Equal(["valuable", "sooner", "plain"], ranked.Select(r => r.Candidate.Offer.OfferId));
        Assert.Equal("as likely as average to be taken; worth ~1.00 EUR to you", ranked[0].Reason);
    }

    [Fact]
    public void Money_follows_the_currencys_minor_digits_and_points_without_a_value_are_said_as_points()
    {
        Assert.Equal("5.00 EUR", OfferRanking.Money(500, "EUR"));
        Assert.Equal("500 JPY", OfferRanking.Money(500, "JPY"));
        var points = OfferRanking.Candidate(Offer("points", pointValue: 0), Counts(10, 9), null, 0);
        Assert.Equal("2x more likely than average to be taken; worth 500 points to you",
            OfferRanking.Reason(0.4, 0.2, points, "EUR"));
    }
}
