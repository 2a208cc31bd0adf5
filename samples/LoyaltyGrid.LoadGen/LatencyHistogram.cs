using System.Numerics;

namespace LoyaltyGrid.LoadGen;

/// <summary>
/// Log-linear histogram of latencies in microseconds, in the spirit of HdrHistogram: values below 256 µs are
/// exact, larger ones land in one of 256 equal buckets per power of two, so any reported percentile is within
/// 0.4% of a value that was actually recorded. Fixed memory (about 70 KB), O(1) recording, no allocation.
/// Not thread-safe: each terminal records into its own and the runner merges them at the end.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 8;
    private const int SubBuckets = 1 << SubBucketBits;

    // Values from 2^36 µs (about 19 hours) up are clamped into the last bucket.
    private const int MaxExponent = 36;
    private const long MaxTrackable = (1L << (MaxExponent + 1)) - 1;

    private readonly long[] _counts = new long[SubBuckets + ((MaxExponent - SubBucketBits + 1) * SubBuckets)];

    public long Count { get; private set; }

    /// <summary>Largest recorded value, exact (not bucketed).</summary>
    public long MaxMicros { get; private set; }

    public long SumMicros { get; private set; }

    public double MeanMicros => Count == 0 ? 0 : (double)SumMicros / Count;

    public void Record(long micros)
    {
        micros = Math.Clamp(micros, 0, MaxTrackable);
        _counts[IndexOf(micros)]++;
        Count++;
        SumMicros += micros;
        if (micros > MaxMicros)
        {
            MaxMicros = micros;
        }
    }

    public void Add(LatencyHistogram other)
    {
        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        SumMicros += other.SumMicros;
        MaxMicros = Math.Max(MaxMicros, other.MaxMicros);
    }

    /// <summary>
    /// The value below or at which <paramref name="percentile"/> percent of the recordings lie (nearest rank),
    /// reported as the middle of its bucket and never above the exact maximum.
    /// </summary>
    public double PercentileMicros(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * Count));
        if (rank >= Count)
        {
            return MaxMicros;
        }

        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                (long low, long width) = BucketOf(i);
                return Math.Min(low + ((width - 1) / 2.0), MaxMicros);
            }
        }

        return MaxMicros;
    }

    private static int IndexOf(long micros)
    {
        if (micros < SubBuckets)
        {
            return (int)micros;
        }

        int exponent = BitOperations.Log2((ulong)micros); // >= SubBucketBits
        int shift = exponent - SubBucketBits;
        int mantissa = (int)(micros >> shift); // in [SubBuckets, 2 * SubBuckets)
        return SubBuckets + (shift * SubBuckets) + (mantissa - SubBuckets);
    }

    /// <summary>Lowest value and width of bucket <paramref name="index"/>; the inverse of <see cref="IndexOf"/>.</summary>
    private static (long Low, long Width) BucketOf(int index)
    {
        if (index < SubBuckets)
        {
            return (index, 1);
        }

        int shift = (index - SubBuckets) / SubBuckets;
        long mantissa = SubBuckets + ((index - SubBuckets) % SubBuckets);
        return (mantissa << shift, 1L << shift);
    }
}
