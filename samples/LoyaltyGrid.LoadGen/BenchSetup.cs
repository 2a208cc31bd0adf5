using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.LoadGen;

/// <summary>
/// Creates the bench program, with <c>--rules</c> gives it tiers, earning rules and promotions, and imports the
/// member population (Members.ImportMembers). Every request id is deterministic, so running setup again (or retrying a call) is harmless:
/// the server answers a retry with the original response.
/// </summary>
internal sealed class BenchSetup(LoadGenOptions options, IReadOnlyList<GrpcChannel> channels, IReadOnlyList<string> memberIds)
{
    private const int MaxAttempts = 5;

    /// <summary>Import streams side by side: enough to keep both the silo's batches and the database busy.</summary>
    private const int ImportStreams = 4;

    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(30);

    /// <summary>One fixed date, so that the messages of every setup are the same and a re-run changes nothing.</summary>
    private static readonly Timestamp s_enrolledAt = Timestamp.FromDateTime(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    private static readonly WriteOptions s_buffer = new(WriteFlags.BufferHint);

    private static readonly WriteOptions s_flush = new();

    private long _sent;
    private long _answered;
    private long _enrolled;
    private long _existing;
    private long _failed;

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

        if (options.Engagement)
        {
            string? engagementProblem = await ConfigureEngagementAsync(cancellationToken);
            if (engagementProblem is not null)
            {
                return engagementProblem;
            }
        }

        string? importProblem = await ImportMembersAsync(cancellationToken);
        if (importProblem is not null || !options.Engagement)
        {
            return importProblem;
        }

        return await GrantConsentAsync(cancellationToken);
    }

    /// <summary>The segments and the messaging policy of <see cref="BenchEngagement"/>.</summary>
    private async Task<string?> ConfigureEngagementAsync(CancellationToken cancellationToken)
    {
        var segments = new Segments.SegmentsClient(channels[0]);
        string program = options.ProgramId;
        string step = "SetMessagingPolicy";
        try
        {
            await WithRetriesAsync(
                () => new Messages.MessagesClient(channels[0]).SetMessagingPolicyAsync(
                    new SetMessagingPolicyRequest { RequestId = $"setup-{program}-messaging", ProgramId = program, MessagingPolicy = BenchEngagement.Policy },
                    deadline: Deadline(),
                    cancellationToken: cancellationToken).ResponseAsync,
                cancellationToken);
            foreach (var (id, name, conditions) in BenchEngagement.Segments)
            {
                step = $"DefineSegment {id}";
                await WithRetriesAsync(
                    () => segments.DefineSegmentAsync(
                        new DefineSegmentRequest { RequestId = $"setup-{program}-segment-{id}", ProgramId = program, SegmentId = id, Name = name, Conditions = conditions },
                        deadline: Deadline(),
                        cancellationToken: cancellationToken).ResponseAsync,
                    cancellationToken);
            }
            Console.Error.WriteLine($"setup: program '{program}' has {BenchEngagement.Segments.Count} segments and a messaging policy");
            return null;
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{step} failed: {ex.StatusCode}: {ex.Status.Detail}";
        }
    }

    /// <summary>Push consent for every member (a few calls side by side), so marketing messages pass the consent check.</summary>
    private async Task<string?> GrantConsentAsync(CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        int next = -1;
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 16).Select(async worker =>
            {
                var members = new Members.MembersClient(channels[worker % channels.Count]);
                for (int i = Interlocked.Increment(ref next); i < memberIds.Count; i = Interlocked.Increment(ref next))
                {
                    var request = new SetConsentRequest
                    {
                        RequestId = $"setup-{options.ProgramId}-consent-{memberIds[i]}",
                        ProgramId = options.ProgramId,
                        MemberId = memberIds[i],
                        Channel = ConsentChannel.Push,
                        Granted = true,
                        Source = ConsentSource.App,
                    };
                    await WithRetriesAsync(
                        () => members.SetConsentAsync(request, deadline: Deadline(), cancellationToken: cancellationToken).ResponseAsync,
                        cancellationToken);
                }
            }));
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return $"SetConsent failed: {ex.StatusCode}: {ex.Status.Detail}";
        }
        Console.Error.WriteLine($"setup: push consent for {memberIds.Count} members in {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s");
        return null;
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

    /// <summary>
    /// Brings the population in with Members.ImportMembers, a few client streams side by side (each a contiguous slice of
    /// the members), so a million members take about a minute rather than a quarter of an hour of EnrollMember calls.
    /// Every message is deterministic, so a second setup finds every member unchanged. Members enrolled one by one by
    /// an older load generator are reported MEMBER_ALREADY_ENROLLED, which is as good for the bench.
    /// </summary>
    private async Task<string?> ImportMembersAsync(CancellationToken cancellationToken)
    {
        int streams = Math.Min(ImportStreams, Math.Max(1, memberIds.Count / 1000));
        long start = Stopwatch.GetTimestamp();
        var importing = Task.WhenAll(Enumerable.Range(0, streams).Select(s =>
        {
            int from = (int)((long)memberIds.Count * s / streams);
            int to = (int)((long)memberIds.Count * (s + 1) / streams);
            return ImportSliceAsync(new Members.MembersClient(channels[s % channels.Count]), from, to, cancellationToken);
        }));

        using (var timer = new PeriodicTimer(TimeSpan.FromSeconds(1)))
        {
            while (await Task.WhenAny(importing, timer.WaitForNextTickAsync(CancellationToken.None).AsTask()) != importing)
            {
                PrintProgress(start, final: false);
            }
        }

        ImportMembersResponse[] answers;
        try
        {
            answers = await importing;
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return $"ImportMembers failed: {ex.StatusCode}: {ex.Status.Detail} (run setup again: imported members are kept and reported unchanged)";
        }

        PrintProgress(start, final: true);
        var failures = answers.SelectMany(a => a.Failures).ToArray();
        var unexpected = failures.FirstOrDefault(f => f.Reason != "MEMBER_ALREADY_ENROLLED");
        return unexpected is null
            ? null
            : $"{answers.Sum(a => a.Failed)} member(s) failed to import, e.g. {unexpected.MemberId}: {unexpected.Reason}: {unexpected.Message}";
    }

    private async Task<ImportMembersResponse> ImportSliceAsync(Members.MembersClient members, int from, int to, CancellationToken cancellationToken)
    {
        using var call = members.ImportMembers(cancellationToken: cancellationToken);
        for (int i = from; i < to; i++)
        {
            // One flush per 100 messages rather than per message: a frame and a system call on each side.
            call.RequestStream.WriteOptions = (i - from) % 100 == 99 ? s_flush : s_buffer;
            await call.RequestStream.WriteAsync(new ImportMemberRequest
            {
                ImportId = $"loadgen-setup-{options.ProgramId}",
                ProgramId = options.ProgramId,
                MemberId = memberIds[i],
                EnrolledAt = s_enrolledAt,
            }, cancellationToken);
            Interlocked.Increment(ref _sent);
        }
        await call.RequestStream.CompleteAsync();
        var answer = await call;
        Interlocked.Add(ref _enrolled, answer.Imported);
        Interlocked.Add(ref _existing, answer.Unchanged + answer.Failures.Count(f => f.Reason == "MEMBER_ALREADY_ENROLLED"));
        Interlocked.Add(ref _failed, answer.Failures.Count(f => f.Reason != "MEMBER_ALREADY_ENROLLED"));
        Interlocked.Add(ref _answered, answer.Received);
        return answer;
    }

    private void PrintProgress(long start, bool final)
    {
        double seconds = Math.Max(Stopwatch.GetElapsedTime(start).TotalSeconds, 0.001);
        if (!final)
        {
            long sent = Interlocked.Read(ref _sent);
            Console.Error.WriteLine($"setup: importing members {sent}/{memberIds.Count} sent ({sent / seconds:F0}/s)");
            return;
        }
        long done = Interlocked.Read(ref _answered);
        Console.Error.WriteLine(
            $"setup: imported {done} members in {seconds:F1} s: {done / seconds:F0} members/s "
            + $"({Interlocked.Read(ref _enrolled)} new, {Interlocked.Read(ref _existing)} already there, {Interlocked.Read(ref _failed)} failed)");
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
