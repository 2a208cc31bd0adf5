using System.Globalization;

namespace LoyaltyGrid.Domain.Offers;

/// <summary>An offer a member may take, with what its ranking read: <see cref="MemberValueMinor"/> is <see cref="OfferRanking.MemberValueMinor"/>.</summary>
/// <param name="ValueKnown">Whether <see cref="MemberValueMinor"/> is money (a point value or a fixed discount); otherwise it counts points, one minor unit each.</param>
public sealed record OfferCandidate(Offer Offer, OfferCounts Counts, long MemberValueMinor, bool ValueKnown, long ValuePoints);

public sealed record RankedOffer(OfferCandidate Candidate, double AcceptProbability, double ExpectedValueMinor, string Reason);

/// <summary>
/// Ranks a member's offers by expected value: P(accept) × (value to the member + value to the program).
/// P(accept) is the offer's own rate of members accepting among members shown, smoothed by a Beta(1, 4) prior
/// ((accepted + 1) / (shown + 5): 20% before any response, and the prior fades as responses come in). The value to
/// the member is what taking it is worth in minor units of the program's currency: bonus points times the offer's
/// point value; a coupon's fixed discount (its bonus points times the point value; a percentage coupon 0: its worth
/// depends on the basket); a reward's points cost times the point value. With no point value a point counts as one
/// minor unit. The value to the program is the offer's <see cref="Offer.ProgramValueMinor"/> (0 if not stated).
/// Ties go to the offer ending first, then by offer id.
/// </summary>
public static class OfferRanking
{
    public const double PriorAccepted = 1;

    public const double PriorNotAccepted = 4;

    public static double AcceptProbability(OfferCounts counts) =>
        (counts.AcceptedMembers + PriorAccepted) / (Math.Max(counts.Shown, counts.AcceptedMembers) + PriorAccepted + PriorNotAccepted);

    /// <summary>Points in minor units at <paramref name="pointValueMilliMinor"/> (0: one minor unit per point).</summary>
    public static long PointsInMinor(long points, long pointValueMilliMinor) =>
        pointValueMilliMinor == 0 ? points : (long)Math.Round(points * (decimal)pointValueMilliMinor / 1000m, MidpointRounding.AwayFromZero);

    /// <summary>The candidate for one offer. <paramref name="coupon"/>: the coupon promotion's rule; <paramref name="rewardPointsCost"/>: the reward's cost.</summary>
    public static OfferCandidate Candidate(Offer offer, OfferCounts counts, Programs.CouponRule? coupon, long rewardPointsCost)
    {
        var pointValue = offer.PointValueMilliMinor;
        var (points, fixedMinor) = offer.Kind switch
        {
            OfferKind.BonusPoints => (offer.BonusPoints, 0L),
            OfferKind.Coupon => (coupon?.BonusPoints ?? 0, coupon?.DiscountMinor ?? 0),
            OfferKind.Reward => (rewardPointsCost, 0L),
            _ => (0L, 0L),
        };
        return new OfferCandidate(offer, counts, fixedMinor + PointsInMinor(points, pointValue), fixedMinor > 0 || pointValue > 0, points);
    }

    public static IReadOnlyList<RankedOffer> Rank(IReadOnlyList<OfferCandidate> candidates, string currency)
    {
        if (candidates.Count == 0)
        {
            return [];
        }
        var probabilities = candidates.Select(c => AcceptProbability(c.Counts)).ToArray();
        var average = probabilities.Average();
        return candidates
            .Select((c, i) => new RankedOffer(c, probabilities[i], probabilities[i] * (c.MemberValueMinor + c.Offer.ProgramValueMinor),
                Reason(probabilities[i], average, c, currency)))
            .OrderByDescending(r => r.ExpectedValueMinor)
            .ThenBy(r => r.Candidate.Offer.ValidUntil)
            .ThenBy(r => r.Candidate.Offer.OfferId, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>One line: how likely it is taken against the member's other offers, and what it is worth to them.</summary>
    public static string Reason(double probability, double average, OfferCandidate candidate, string currency)
    {
        var ratio = average > 0 ? probability / average : 1;
        var likely = ratio >= 1.05 ? $"{Format(ratio)}x more likely than average to be taken"
            : ratio <= 1 / 1.05 ? $"{Format(1 / ratio)}x less likely than average to be taken"
            : "as likely as average to be taken";
        string worth;
        if (candidate.ValueKnown)
        {
            worth = $"worth ~{Money(candidate.MemberValueMinor, currency)} to you";
        }
        else if (candidate.ValuePoints > 0)
        {
            worth = $"worth {candidate.ValuePoints.ToString(CultureInfo.InvariantCulture)} points to you";
        }
        else
        {
            worth = "its worth depends on your basket";
        }
        return $"{likely}; {worth}";
    }

    public static string Money(long minor, string currency)
    {
        var digits = Currencies.IsKnown(currency) ? Currencies.MinorDigits(currency) : 2;
        var major = minor / (decimal)Math.Pow(10, digits);
        return major.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + currency;
    }

    private static string Format(double ratio) => ratio.ToString(ratio >= 10 ? "0" : "0.#", CultureInfo.InvariantCulture);
}
