using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.LoadGen;

/// <summary>
/// What <c>--engagement</c> gives the bench program: six segments whose conditions move with purchases (points,
/// purchases and spend in a window, days since the last purchase) or not at all (enrolment, birthday), so every
/// purchase re-evaluates all six and many change a member's segments; and a messaging policy with caps, a reward
/// threshold and expiry warnings, so every purchase is decided into a points receipt and a feedback request.
/// None of the conditions names a tier: the plain program has none. Fixed values, so a second setup is a retry.
/// </summary>
internal static class BenchEngagement
{
    private static readonly Timestamp s_enrolledFrom = Timestamp.FromDateTime(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    public static IReadOnlyList<(string Id, string Name, SegmentConditions Conditions)> Segments { get; } =
    [
        ("has-points", "Has 1,000 points or more", new SegmentConditions { MinPoints = 1_000 }),
        ("regulars", "Two purchases in 30 days", new SegmentConditions { WindowDays = 30, MinPurchases = 2 }),
        ("big-spenders", "500 EUR in 90 days", new SegmentConditions { WindowDays = 90, MinSpendMinor = 50_000 }),
        ("lapsed", "No purchase for 60 days", new SegmentConditions { MinDaysSinceLastPurchase = 60 }),
        ("early", "Enrolled since 2020", new SegmentConditions { EnrolledFrom = s_enrolledFrom }),
        ("december-birthdays", "Birthday in December", new SegmentConditions { BirthdayMonths = { 12 } }),
    ];

    public static MessagingPolicy Policy { get; } = new()
    {
        MaxPerDay = 3,
        MaxPerWeek = 10,
        RewardThresholdPoints = 5_000,
        ExpiryWarningDays = 14,
    };
}
