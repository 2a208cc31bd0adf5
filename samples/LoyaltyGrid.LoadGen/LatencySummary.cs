namespace LoyaltyGrid.LoadGen;

/// <summary>Latency percentiles of a run in milliseconds.</summary>
internal sealed record LatencySummary(double P50, double P90, double P99, double P999, double Max, double Mean)
{
    public static LatencySummary From(LatencyHistogram histogram) => new(
        Millis(histogram.PercentileMicros(50)),
        Millis(histogram.PercentileMicros(90)),
        Millis(histogram.PercentileMicros(99)),
        Millis(histogram.PercentileMicros(99.9)),
        Millis(histogram.MaxMicros),
        Millis(histogram.MeanMicros));

    private static double Millis(double micros) => Math.Round(micros / 1000.0, 3);
}
