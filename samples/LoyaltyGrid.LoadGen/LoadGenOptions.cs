using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LoyaltyGrid.LoadGen;

/// <summary>Command-line settings of one load-generator run.</summary>
internal sealed partial record LoadGenOptions
{
    public const string Usage = """
        LoyaltyGrid load generator: N virtual POS terminals calling a running silo over gRPC (HTTP/2).

        Usage: LoyaltyGrid.LoadGen [options]

          --url <url>              silo address (default http://127.0.0.1:5000)
          --scenario <name>        ping | member | purchase | mixed | state-size | rebuild (default purchase)
                                     ping     Diagnostics.Ping, the ceiling (no setup needed)
                                     purchase Checkout.RecordPurchase
                                     mixed    ~65% purchases, ~13% authorize + ~13% capture, ~9% returns
                                     state-size  no terminal loop: the live heap per member after
                                              --members members (default 20000) made 10 purchases each,
                                              then one member's --history purchases: their latency,
                                              its snapshot size and its reactivation time. Run it
                                              against a fresh silo: the heap is measured from its start
                                     rebuild  no terminal loop: RebuildProjection, timed until the
                                              insights projection has caught up, with the CPU per
                                              journal event (--cpu-pid as for the others)
          --terminals <n>          concurrent virtual terminals, one call at a time each (default 64); with
                                   --rate, the terminals made ready up front (more join when all are busy)
          --rate <n>               open loop: start n requests per second on a fixed schedule, whatever the
                                   latency; each latency counts from the request's scheduled start, so a slow
                                   server cannot hide its queueing (no coordinated omission)
          --duration <time>        measured run time, e.g. 30s, 2m, 500ms (default 30s)
          --requests <n>           stop after n measured requests instead of after a duration
          --warmup <time>          calls during warm-up are not counted (default 5s)
          --members <n>            population m-000001..m-<n>, picked uniformly (default 10000)
          --program <id>           program id (default bench)
          --channels <n>           GrpcChannel instances shared round-robin by the terminals (default 4)
          --lines <n>              purchase lines per basket, 1-200 (default 3)
          --history <n>            state-size: purchases of the long-lived member (default 5000)
          --json <path>            also write the result as JSON to path; "-" means stdout
          --api-key <key>          a platform admin key (default: $LOYALTYGRID_API_KEY); checkout calls use a
                                   merchant admin key the run issues itself with it
          --rules                  setup also gives the program 4 tiers, earning rules (category, sku and
                                   label multipliers, an excluded category, sku and label) and 20 active
                                   promotions that the generated baskets hit, the finer rules among them
                                   (labels, stores, a minimum basket, a bonus per unit, compounding, a
                                   bounce-back coupon); baskets then carry brand labels and sometimes a
                                   delivery line (see BenchRules.cs); without it the program earns by its
                                   base rate alone
          --engagement             setup also defines 6 member segments (points, purchases and spend in a
                                   window, days since the last purchase, enrolment, birthday) and a
                                   messaging policy, and gives every member push consent, so each purchase
                                   also re-evaluates segments and is decided into messages (see
                                   BenchEngagement.cs); compare with a silo whose messages projection is off
          --cpu-pid <name>=<pid>   also report the CPU that process pid and its child processes used per
                                   measured request, as <name> (repeatable; Linux /proc). The load
                                   generator's own CPU is always reported, as loadgen
          --setup-only             create the program and import the members, then exit
          --skip-setup             assume the program and the members exist
          --help                   show this text

        Exit code: 0 on success, 1 if errors exceed 0.5% of requests or the run failed, 2 on bad arguments.
        """;

    private static readonly HashSet<string> s_valueOptions =
    [
        "--url", "--scenario", "--terminals", "--duration", "--requests", "--warmup",
        "--members", "--program", "--channels", "--lines", "--json", "--api-key", "--rate", "--cpu-pid", "--history",
    ];

    public Uri Url { get; init; } = new("http://127.0.0.1:5000");
    public ScenarioKind Scenario { get; init; } = ScenarioKind.Purchase;
    public int Terminals { get; init; } = 64;

    /// <summary>Measured run time; ignored when <see cref="Requests"/> is set.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Total measured requests to stop after, or null to stop after <see cref="Duration"/>.</summary>
    public long? Requests { get; init; }

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);
    public int Members { get; init; } = 10_000;
    public string ProgramId { get; init; } = "bench";
    public int Channels { get; init; } = 4;
    public int Lines { get; init; } = 3;

    /// <summary>The state-size scenario's population when --members is not given.</summary>
    public const int StateSizeMembers = 20_000;

    /// <summary>State-size scenario: how many purchases the long-lived member makes.</summary>
    public int History { get; init; } = 5_000;
    public string? JsonPath { get; init; }
    /// <summary>Requests per second in open-loop mode (<see cref="OpenLoopRunner"/>); null for closed loop.</summary>
    public int? Rate { get; init; }

    /// <summary>Processes whose CPU per request is reported, by the name to report it under.</summary>
    public IReadOnlyDictionary<string, int> CpuPids { get; init; } = new Dictionary<string, int>();

    public bool SetupOnly { get; init; }
    public bool SkipSetup { get; init; }

    /// <summary>Setup configures tiers, earning rules and promotions (<see cref="BenchRules"/>) after creating the program.</summary>
    public bool Rules { get; init; }

    /// <summary>Setup defines segments and a messaging policy and gives every member push consent (<see cref="BenchEngagement"/>).</summary>
    public bool Engagement { get; init; }

    /// <summary>The platform admin key for setup and diagnostics.</summary>
    public string? ApiKey { get; init; } = Environment.GetEnvironmentVariable("LOYALTYGRID_API_KEY");

    /// <summary>
    /// Parses <paramref name="args"/>. Returns false with a null <paramref name="error"/> when help was asked for,
    /// and false with a message when an argument is bad.
    /// </summary>
    public static bool TryParse(string[] args, [NotNullWhen(true)] out LoadGenOptions? options, out string? error)
    {
        options = null;
        error = null;
        var result = new LoadGenOptions();
        bool durationGiven = false;
        bool membersGiven = false;

        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string? inlineValue = null;
            int eq = name.IndexOf('=');
            if (name.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inlineValue = name[(eq + 1)..];
                name = name[..eq];
            }

            // Reads the option's value from "--name=value" or from the next argument.
            string? Value()
            {
                if (inlineValue is not null)
                {
                    return inlineValue;
                }

                if (i + 1 < args.Length)
                {
                    return args[++i];
                }

                return null;
            }

            switch (name)
            {
                case "--help" or "-h" or "-?":
                    return false;
                case "--setup-only":
                    result = result with { SetupOnly = true };
                    continue;
                case "--skip-setup":
                    result = result with { SkipSetup = true };
                    continue;
                case "--rules":
                    result = result with { Rules = true };
                    continue;
                case "--engagement":
                    result = result with { Engagement = true };
                    continue;
            }

            if (!s_valueOptions.Contains(name))
            {
                error = name.StartsWith('-') ? $"unknown option '{name}'" : $"unexpected argument '{name}'";
                return false;
            }

            string? value = Value();
            if (value is null)
            {
                error = $"{name} needs a value";
                return false;
            }

            switch (name)
            {
                case "--url":
                    if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != "http" && url.Scheme != "https"))
                    {
                        error = $"--url must be an absolute http:// or https:// address, got '{value}'";
                        return false;
                    }

                    result = result with { Url = url };
                    break;
                case "--scenario":
                    // state-size names ScenarioKind.StateSize.
                    string scenario = value.Replace("-", "", StringComparison.Ordinal);
                    if (!Enum.GetNames<ScenarioKind>().Contains(scenario, StringComparer.OrdinalIgnoreCase))
                    {
                        error = $"--scenario must be ping, member, purchase, mixed, state-size or rebuild, got '{value}'";
                        return false;
                    }

                    result = result with { Scenario = Enum.Parse<ScenarioKind>(scenario, ignoreCase: true) };
                    break;
                case "--terminals":
                    if (!TryPositive(name, value, 100_000, out int terminals, out error))
                    {
                        return false;
                    }

                    result = result with { Terminals = terminals };
                    break;
                case "--duration":
                    if (!TryTime(name, value, allowZero: false, out var duration, out error))
                    {
                        return false;
                    }

                    result = result with { Duration = duration };
                    durationGiven = true;
                    break;
                case "--requests":
                    if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long requests) || requests < 1)
                    {
                        error = $"--requests must be a positive whole number, got '{value}'";
                        return false;
                    }

                    result = result with { Requests = requests };
                    break;
                case "--warmup":
                    if (!TryTime(name, value, allowZero: true, out var warmup, out error))
                    {
                        return false;
                    }

                    result = result with { Warmup = warmup };
                    break;
                case "--members":
                    if (!TryPositive(name, value, 10_000_000, out int members, out error))
                    {
                        return false;
                    }

                    result = result with { Members = members };
                    membersGiven = true;
                    break;
                case "--api-key":
                    result = result with { ApiKey = value };
                    break;
                case "--program":
                    if (!IdentifierPattern().IsMatch(value))
                    {
                        error = $"--program must be 1-64 characters from [A-Za-z0-9._:-], got '{value}'";
                        return false;
                    }

                    result = result with { ProgramId = value };
                    break;
                case "--channels":
                    if (!TryPositive(name, value, 1_000, out int channels, out error))
                    {
                        return false;
                    }

                    result = result with { Channels = channels };
                    break;
                case "--lines":
                    if (!TryPositive(name, value, 200, out int lines, out error))
                    {
                        return false;
                    }

                    result = result with { Lines = lines };
                    break;
                case "--history":
                    if (!TryPositive(name, value, 1_000_000, out int history, out error))
                    {
                        return false;
                    }

                    result = result with { History = history };
                    break;
                case "--json":
                    result = result with { JsonPath = value };
                    break;
                case "--rate":
                    if (!TryPositive(name, value, 1_000_000, out int rate, out error))
                    {
                        return false;
                    }

                    result = result with { Rate = rate };
                    break;
                case "--cpu-pid":
                    int split = value.IndexOf('=');
                    if (split < 1 || !int.TryParse(value[(split + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid < 1)
                    {
                        error = $"--cpu-pid must be name=pid, e.g. silo=1234, got '{value}'";
                        return false;
                    }

                    result = result with { CpuPids = new Dictionary<string, int>(result.CpuPids) { [value[..split]] = pid } };
                    break;
            }
        }

        if (durationGiven && result.Requests is not null)
        {
            error = "use either --duration or --requests, not both";
            return false;
        }

        if (result.SetupOnly && result.SkipSetup)
        {
            error = "--setup-only and --skip-setup exclude each other";
            return false;
        }

        if (result.Rules && result.SkipSetup)
        {
            error = "--rules configures the program during setup, so it cannot go with --skip-setup";
            return false;
        }

        if (result.Engagement && result.SkipSetup)
        {
            error = "--engagement configures the program during setup, so it cannot go with --skip-setup";
            return false;
        }

        if (result.Scenario == ScenarioKind.StateSize)
        {
            if (result.SetupOnly || result.SkipSetup || result.Rate is not null)
            {
                error = "--scenario state-size sets up its own program and has no terminal loop: leave out --setup-only, --skip-setup and --rate";
                return false;
            }

            if (!membersGiven)
            {
                result = result with { Members = StateSizeMembers };
            }
        }

        options = result;
        return true;
    }

    private static bool TryPositive(string name, string value, int max, out int number, out string? error)
    {
        error = null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= 1 && number <= max)
        {
            return true;
        }

        error = $"{name} must be a whole number from 1 to {max}, got '{value}'";
        return false;
    }

    /// <summary>Parses "500ms", "30s", "2m", "1h" or a bare number of seconds.</summary>
    private static bool TryTime(string name, string value, bool allowZero, out TimeSpan time, out string? error)
    {
        error = null;
        time = default;
        (string number, double unitSeconds) = value switch
        {
            _ when value.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (value[..^2], 0.001),
            _ when value.EndsWith('s') || value.EndsWith('S') => (value[..^1], 1.0),
            _ when value.EndsWith('m') || value.EndsWith('M') => (value[..^1], 60.0),
            _ when value.EndsWith('h') || value.EndsWith('H') => (value[..^1], 3600.0),
            _ => (value, 1.0),
        };

        if (double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount)
            && (amount > 0 || (allowZero && amount == 0))
            && amount * unitSeconds <= TimeSpan.FromDays(1).TotalSeconds)
        {
            time = TimeSpan.FromSeconds(amount * unitSeconds);
            return true;
        }

        error = $"{name} must be a time such as 500ms, 30s, 2m or 1h{(allowZero ? " (0 allowed)" : "")}, got '{value}'";
        return false;
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex IdentifierPattern();
}
