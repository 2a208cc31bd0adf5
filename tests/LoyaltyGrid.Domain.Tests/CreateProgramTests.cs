using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

public sealed class CreateProgramTests
{
    private static readonly CreateProgram Valid = new ProgramBuilder().Request();

    private static Refusal RefusalOf(CreateProgram request) =>
        Refusal.Of(Assert.Throws<LoyaltyException>(request.Validate).Error);

    [Fact]
    public void Program_created_without_options_gets_the_defaults()
    {
        Valid.Validate();

        Assert.Equal(
            new ProgramSettings
            {
                ProgramId = "prog-1",
                Name = "Test rewards",
                Currency = "EUR",
                PointsPerCurrencyUnit = 10,
                HoldTtl = TimeSpan.FromMinutes(15),
                AllowNegativeBalance = true,
                OfflineWindow = TimeSpan.FromDays(7),
                CreatedAt = TestClock.Start,
            },
            Valid.ToSettings(TestClock.Start));
    }

    [Theory]
    [InlineData(7, 7, 7 * 24 * 60 + 5)]
    [InlineData(7, 30, 30 * 24 * 60 + 5)]
    [InlineData(60, 30, 60 * 24 * 60)]
    public void Request_ids_are_remembered_at_least_as_long_as_the_offline_window(int configuredDays, int windowDays, int expectedMinutes)
    {
        var settings = (Valid with { OfflineWindow = TimeSpan.FromDays(windowDays) }).ToSettings(TestClock.Start);

        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), settings.RequestRetention(TimeSpan.FromDays(configuredDays)));
    }

    [Fact]
    public void Program_options_given_are_kept()
    {
        var request = Valid with { HoldTtl = TimeSpan.FromHours(1), AllowNegativeBalance = false, OfflineWindow = TimeSpan.Zero };

        var settings = request.ToSettings(TestClock.Start);

        Assert.Equal((TimeSpan.FromHours(1), false, TimeSpan.Zero), (settings.HoldTtl, settings.AllowNegativeBalance, settings.OfflineWindow));
    }

    [Theory]
    [InlineData("XYZ")]
    [InlineData("eur")]
    [InlineData("")]
    [InlineData("EURO")]
    public void Unknown_currency_is_invalid(string currency)
    {
        Assert.Equal(Refusal.Invalid("currency"), RefusalOf(Valid with { Currency = currency }));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(Limits.MaxPointsPerCurrencyUnit + 1)]
    public void Negative_or_huge_earn_rate_is_invalid(long rate)
    {
        Assert.Equal(Refusal.Invalid("points_per_currency_unit"), RefusalOf(Valid with { PointsPerCurrencyUnit = rate }));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(Limits.MaxPointsPerCurrencyUnit)]
    public void Earn_rate_from_zero_to_the_limit_is_valid(long rate)
    {
        (Valid with { PointsPerCurrencyUnit = rate }).Validate();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.999)]
    [InlineData(-60.0)]
    [InlineData(7 * 24 * 3600 + 1.0)]
    public void Hold_ttl_outside_one_second_to_seven_days_is_invalid(double seconds)
    {
        Assert.Equal(Refusal.Invalid("hold_ttl"), RefusalOf(Valid with { HoldTtl = TimeSpan.FromSeconds(seconds) }));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(7 * 24 * 3600.0)]
    public void Hold_ttl_at_the_bounds_is_valid(double seconds)
    {
        (Valid with { HoldTtl = TimeSpan.FromSeconds(seconds) }).Validate();
    }

    [Fact]
    public void Offline_window_negative_or_beyond_ninety_days_is_invalid()
    {
        Assert.Equal(Refusal.Invalid("offline_window"), RefusalOf(Valid with { OfflineWindow = TimeSpan.FromSeconds(-1) }));
        Assert.Equal(Refusal.Invalid("offline_window"), RefusalOf(Valid with { OfflineWindow = TimeSpan.FromDays(90).Add(TimeSpan.FromSeconds(1)) }));
        (Valid with { OfflineWindow = TimeSpan.FromDays(90) }).Validate();
    }

    [Fact]
    public void Every_bad_field_of_a_program_is_reported_at_once()
    {
        var request = new CreateProgram("", "prog 1", new string('n', 201), "eur", -5, TimeSpan.Zero, null, TimeSpan.FromDays(-1));

        Assert.Equal(
            Refusal.Invalid("request_id", "program_id", "name", "currency", "points_per_currency_unit", "hold_ttl", "offline_window"),
            RefusalOf(request));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void A_program_needs_a_name(string? name)
    {
        Assert.Equal(Refusal.Invalid("name"), RefusalOf(Valid with { Name = name! }));
    }

    [Fact]
    public void Program_name_with_control_characters_is_invalid()
    {
        Assert.Equal(Refusal.Invalid("name"), RefusalOf(Valid with { Name = "Rewards\u0007" }));
    }
}
