namespace LoyaltyGrid.Domain.Programs;

/// <summary>The rules of one points currency, as created.</summary>
public sealed record ProgramSettings
{
    public static readonly TimeSpan DefaultHoldTtl = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan DefaultOfflineWindow = TimeSpan.FromDays(7);
    public static readonly TimeSpan DefaultReturnHorizon = TimeSpan.FromDays(365);
    public const long DefaultMaxTransferPointsPerDay = 10_000;

    public required string ProgramId { get; init; }
    public required string Name { get; init; }
    public required string Currency { get; init; }
    public required long PointsPerCurrencyUnit { get; init; }
    public TimeSpan HoldTtl { get; init; } = DefaultHoldTtl;
    public bool AllowNegativeBalance { get; init; } = true;
    public TimeSpan OfflineWindow { get; init; } = DefaultOfflineWindow;
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// How long after it occurred a purchase can be returned. Past it the member's books are closed on that purchase:
    /// returns are refused (RETURN_WINDOW_CLOSED) and the purchase is no longer kept in memory.
    /// </summary>
    public TimeSpan ReturnHorizon { get; init; } = DefaultReturnHorizon;

    /// <summary>IANA time zone of the program's calendar: promotion days of the week are local days here.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>
    /// Most points one member may transfer to other members in any 24 hours; 0: no transfers. Programs created before
    /// transfers existed have the default (their stored settings have no such field).
    /// </summary>
    public long MaxTransferPointsPerDay { get; init; } = DefaultMaxTransferPointsPerDay;

    /// <summary>
    /// How long a member remembers a request_id: the configured retention, but never less than the offline
    /// window (plus clock skew), so a terminal re-syncing its backlog inside the window never doubles points.
    /// </summary>
    public TimeSpan RequestRetention(TimeSpan configured) => RequestRetention(configured, OfflineWindow);

    /// <summary>The longest retention any program can have: what a replay keeps before it knows its program.</summary>
    public static TimeSpan LongestRequestRetention(TimeSpan configured) => RequestRetention(configured, Limits.MaxOfflineWindow);

    private static TimeSpan RequestRetention(TimeSpan configured, TimeSpan offlineWindow) =>
        configured > offlineWindow + Limits.MaxClockSkew ? configured : offlineWindow + Limits.MaxClockSkew;
}
