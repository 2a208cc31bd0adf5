namespace LoyaltyGrid.Domain.Tests;

public sealed class CurrenciesTests
{
    [Theory]
    [InlineData("EUR", 2, 100L)]
    [InlineData("USD", 2, 100L)]
    [InlineData("JPY", 0, 1L)]
    [InlineData("KRW", 0, 1L)]
    [InlineData("KWD", 3, 1000L)]
    [InlineData("BHD", 3, 1000L)]
    [InlineData("CLF", 4, 10_000L)]
    public void Minor_digits_follow_iso_4217(string code, int digits, long perMajor)
    {
        Assert.True(Currencies.IsKnown(code));
        Assert.Equal((digits, perMajor), (Currencies.MinorDigits(code), Currencies.MinorPerMajor(code)));
    }

    [Theory]
    [InlineData("eur")]
    [InlineData("XYZ")]
    [InlineData("")]
    public void Unknown_or_lower_case_code_is_not_a_currency(string code)
    {
        Assert.False(Currencies.IsKnown(code));
        Assert.Throws<ArgumentException>("code", () => Currencies.MinorDigits(code));
    }
}
