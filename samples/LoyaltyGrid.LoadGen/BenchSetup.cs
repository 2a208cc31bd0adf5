using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.LoadGen;

/// <summary>
/// Creates the bench program, with <c>--rules</c> gives it tiers, earning rules and promotions, and enrolls the
/// member population. Every request id is deterministic, so running setup again (or retrying a call) is harmless:
/// the server answers a retry with the original response.
/// </summary>
internal sealed class BenchSetup(LoadGenOptions options, IReadOnlyList<GrpcChannel> channels, IReadOnlyList<string> memberIds)
{
    private const int InFlight = 64;
    private const int MaxAttempts = 5;

    // Give up early rather than send thousands of calls to a server that refuses them all.
    private const int MaxFailures = 100;

    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(30);

    private long _enrolled;
    private long _existing;
    private long _failed;
    private string? _firstFailure;

    /// <summary>Returns null on success, or why setup failed.</summary>
    public async Task<string?> RunAsync(CancellationToken cancellationToken)
    {
        string? programProblem = await CreateProgramAsync(cancellationToken);
        if (programProblem is not null)
        {
            return programProblem;
        }

        if (options.Rules)
        {
            string? rulesProblem = await ConfigureRulesAsync(cancellationToken);
            if (rulesProblem is not null)
            {
                return rulesProblem;
            }
        }

        return await EnrollMembersAsync(cancellationToken);
    }

    private async Task<string?> CreateProgramAsync(CancellationToken cancellationToken)
    {
        var programs = new Programs.ProgramsClient(channels[0]);
        var request = new CreateProgramRequest
        {
            RequestId = $"setup-program-{options.ProgramId}",
            ProgramId = options.ProgramId,
            Name = $"Load generator program {options.ProgramId}",
            Currency = Bench.Currency,
            PointsPerCurrencyUnit = Bench.PointsPerCurrencyUnit,
        };

        try
        {
            await WithRetriesAsync(() => programs.CreateProgramAsync(request, deadline: Deadline(), cancellationToken: cancellationToken).ResponseAsync, cancellationToken);
            Console.Error.WriteLine($"setup: program '{options.ProgramId}' ready");
            return null;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
            // Created earlier by someone else or with other settings; fine as long as purchases in EUR are accepted.
            var existing = await WithRetriesAsync(
                () => programs.GetProgramAsync(new GetProgramRequest { ProgramId = options.ProgramId }, deadline: Deadline(), cancellationToken: cancellationToken).ResponseAsync,
                cancellationToken);
            if (existing.Program.Currency != Bench.Currency)
            {
                return $"program '{options.ProgramId}' already exists with currency {existing.Program.Currency}; the load generator buys in {Bench.Currency}, choose another --program";
            }

            Console.Error.WriteLine($"setup: program '{options.ProgramId}' already exists ({existing.Program.PointsPerCurrencyUnit} points per {Bench.Currency}), using it");
            return null;
        }
        catch (RpcException ex)
        {
            return $"CreateProgram failed: {ex.StatusCode}: {ex.Status.Detail}";
        }
    }

    /// <summary>
    /// Tiers first (promotions name them), then the earning rules, then the promotions. A retry of the same request id
    /// with other content is refused (REQUEST_ID_REUSED): the program was set up by another version of the rules.
    /// </summary>
    private async Task<string?> ConfigureRulesAsync(CancellationToken cancellationToken)
    {
        var programs = new Programs.ProgramsClient(channels[0]);
        string program = options.ProgramId;
        string step = "SetTierPolicy";
        try
        {
            await WithRetriesAsync(
                () => programs.SetTierPolicyAsync(
                    new SetTierPolicyRequest { RequestId = $"setup-{program}-tier-policy", ProgramId = program, TierPolicy = BenchRules.TierPolicy },
                    deadline: Deadline(),
                    cancellationToken: cancellationToken).ResponseAsync,
                cancellationToken);
            foreach (var tier in BenchRules.Tiers)
            {
                step = $"UpsertTier {tier.TierId}";
                await WithRetriesAsync(
                    () => programs.UpsertTierAsync(
                        new UpsertTierRequest { RequestId = $"setup-{program}-tier-{tier.TierId}", ProgramId = program, Tier = tier },
                        deadline: Deadline(),
                        cancellationToken: cancellationToken).ResponseAsync,
                    cancellationToken);
            }

            step = "SetEarningRules";
            await WithRetriesAsync(
                () => programs.SetEarningRulesAsync(
                    new SetEarningRulesRequest { RequestId = $"setup-{program}-earning-rules", ProgramId = program, EarningRules = BenchRules.EarningRules },
                    deadline: Deadline(),
                    cancellationToken: cancellationToken).ResponseAsync,
                cancellationToken);

            int existed = 0;
            var promotions = BenchRules.Promotions(program);
            foreach (var promotion in promotions)
            {
                step = $"CreatePromotion {promotion.PromotionId}";
                try
                {
                    await WithRetriesAsync(
                        () => programs.CreatePromotionAsync(promotion, deadline: Deadline(), cancellationToken: cancellationToken).ResponseAsync,
                        cancellationToken);
                }
                catch (RpcException ex) when (CallOutcome.ReasonOf(ex) == "PROMOTION_ALREADY_EXISTS")
                {
                    // Created by an earlier setup under another request id; the promotion is what counts.
                    existed++;
                }
            }

            Console.Error.WriteLine(
                $"setup: program '{program}' has {BenchRules.Tiers.Count} tiers, earning rules and {promotions.Count} promotions"
                + (existed > 0 ? $" ({existed} existed already)" : ""));
            return null;
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            string hint = CallOutcome.ReasonOf(ex) == "REQUEST_ID_REUSED"
                ? " (the program was set up with other rules; choose another --program)"
                : "";
            return $"{step} failed: {ex.StatusCode}: {ex.Status.Detail}{hint}";
        }
    }

    private async Task<string?> EnrollMembersAsync(CancellationToken cancellationToken)
    {
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long start = Stopwatch.GetTimestamp();
        var enrolling = Parallel.ForEachAsync(
            Enumerable.Range(0, memberIds.Count),
            new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = giveUp.Token },
            async (i, ct) =>
            {
                await EnrollAsync(new Members.MembersClient(channels[i % channels.Count]), memberIds[i], ct);
                if (Interlocked.Read(ref _failed) >= MaxFailures)
                {
                    await giveUp.CancelAsync();
                }
            });

        using (var timer = new PeriodicTimer(TimeSpan.FromSeconds(1)))
        {
            while (await Task.WhenAny(enrolling, timer.WaitForNextTickAsync(CancellationToken.None).AsTask()) != enrolling)
            {
                PrintProgress(start);
            }
        }

        try
        {
            await enrolling;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Gave up after MaxFailures; reported below.
        }

        PrintProgress(start);
        cancellationToken.ThrowIfCancellationRequested();
        return _failed == 0
            ? null
            : $"{_failed} enrollment(s) failed{(_failed >= MaxFailures ? " (gave up)" : "")}, e.g. {_firstFailure}";
    }

    private async Task EnrollAsync(Members.MembersClient members, string memberId, CancellationToken cancellationToken)
    {
        var request = new EnrollMemberRequest
        {
            RequestId = $"setup-enroll-{options.ProgramId}-{memberId}",
            ProgramId = options.ProgramId,
            MemberId = memberId,
        };

        try
        {
            await WithRetriesAsync(() => members.EnrollMemberAsync(request, deadline: Deadline(), cancellationToken: cancellationToken).ResponseAsync, cancellationToken);
            Interlocked.Increment(ref _enrolled);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
            Interlocked.Increment(ref _existing);
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            Interlocked.CompareExchange(ref _firstFailure, $"{memberId}: {ex.StatusCode}: {ex.Status.Detail}", null);
            Interlocked.Increment(ref _failed);
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted or given up; the caller reports that.
        }
    }

    private void PrintProgress(long start)
    {
        long done = Interlocked.Read(ref _enrolled) + Interlocked.Read(ref _existing) + Interlocked.Read(ref _failed);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Console.Error.WriteLine(
            $"setup: members {done}/{memberIds.Count} ({done / Math.Max(seconds, 0.001):F0}/s): "
            + $"{Interlocked.Read(ref _enrolled)} ok, {Interlocked.Read(ref _existing)} already existed, {Interlocked.Read(ref _failed)} failed");
    }

    /// <summary>Retries transient failures with a growing pause; safe because every request id is deterministic.</summary>
    private static async Task<T> WithRetriesAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (RpcException ex) when (attempt < MaxAttempts && IsTransient(ex.StatusCode) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << attempt)), cancellationToken);
            }
        }
    }

    private static bool IsTransient(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted;

    private static DateTime Deadline() => DateTime.UtcNow.Add(s_callTimeout);
}
