namespace LoyaltyGrid.Domain;

/// <summary>ISO 4217 currency codes and their minor-unit exponents.</summary>
public static class Currencies
{
    private const string Active =
        "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD " +
        "CAD CDF CHF CLF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP " +
        "GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD " +
        "KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK " +
        "NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD " +
        "SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYI UYU UYW UZS VED VES VND VUV " +
        "WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG";

    private static readonly Dictionary<string, int> MinorDigitsByCode = Build();

    /// <summary>Whether <paramref name="code"/> is an active ISO 4217 code (upper case).</summary>
    public static bool IsKnown(string code) => MinorDigitsByCode.ContainsKey(code);

    /// <summary>Digits after the decimal point: 2 for EUR, 0 for JPY, 3 for KWD.</summary>
    public static int MinorDigits(string code) =>
        MinorDigitsByCode.TryGetValue(code, out var digits)
            ? digits
            : throw new ArgumentException($"Unknown currency '{code}'.", nameof(code));

    /// <summary>10 to the power of the minor digits: minor units in one major unit.</summary>
    public static long MinorPerMajor(string code) => MinorDigits(code) switch
    {
        0 => 1,
        2 => 100,
        3 => 1000,
        _ => 10000,
    };

    private static Dictionary<string, int> Build()
    {
        var zero = new HashSet<string> { "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF" };
        var three = new HashSet<string> { "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND" };
        var four = new HashSet<string> { "CLF", "UYW" };
        return Active.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToDictionary(
            code => code,
            code => zero.Contains(code) ? 0 : three.Contains(code) ? 3 : four.Contains(code) ? 4 : 2);
    }
}
