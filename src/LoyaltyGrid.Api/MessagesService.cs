using Grpc.Core;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Grains;
using LoyaltyGrid.Storage.Messaging;
using Core = LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Api;

/// <summary>Member messages: the policy goes to the program's grain; the stream and the counts are read from the outbox the messages projection keeps.</summary>
public sealed class MessagesService(IGrainFactory grains, IProgramRulesCache programs, IMessageStore store) : V1.Messages.MessagesBase
{
    /// <summary>Most messages read from the outbox at a time.</summary>
    private const int Page = 500;

    /// <summary>How long a caught-up stream waits before it looks at the outbox again.</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    public override async Task<SetMessagingPolicyResponse> SetMessagingPolicy(SetMessagingPolicyRequest request, ServerCallContext context)
    {
        var v = new RequestValidator();
        if (request.MessagingPolicy is null)
        {
            v.Add("messaging_policy", "is required");
        }
        v.Id("program_id", request.ProgramId).ThrowIfInvalid();
        var change = (await grains.GetGrain<IProgramGrain>(request.ProgramId).Change(new Core.SetMessagingPolicy(
            request.RequestId, request.ProgramId, AccessInterceptor.Caller(context).Actor, request.MessagingPolicy!.ToDomain()))).Unwrap();
        var set = change.Event as Core.MessagingPolicySet
            ?? throw new InvalidOperationException($"A program change answered {change.Event.GetType().Name}, not {nameof(Core.MessagingPolicySet)}.");
        return new SetMessagingPolicyResponse { MessagingPolicy = set.Policy.ToProto() };
    }

    public override async Task WatchMessages(WatchMessagesRequest request, IServerStreamWriter<MemberMessage> responseStream, ServerCallContext context)
    {
        new RequestValidator().Id("program_id", request.ProgramId).Range("after_sequence", request.AfterSequence, 0, long.MaxValue).ThrowIfInvalid();
        await programs.GetAsync(request.ProgramId);
        var cursor = request.AfterSequence;
        try
        {
            while (!context.CancellationToken.IsCancellationRequested)
            {
                var page = await store.ReadOutboxAsync(request.ProgramId, cursor, Page, context.CancellationToken);
                foreach (var message in page)
                {
                    await responseStream.WriteAsync(message.ToProto(), context.CancellationToken);
                    cursor = message.Sequence;
                }
                if (page.Count < Page)
                {
                    await Task.Delay(Poll, context.CancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The sender stopped watching; it resumes from the last sequence it handled.
        }
    }

    public override async Task<GetMessagingStatsResponse> GetMessagingStats(GetMessagingStatsRequest request, ServerCallContext context)
    {
        new RequestValidator().Id("program_id", request.ProgramId).ThrowIfInvalid();
        await programs.GetAsync(request.ProgramId);
        var (counts, heldNow) = await store.ReadCountsAsync(request.ProgramId, context.CancellationToken);
        var response = new GetMessagingStatsResponse { HeldNow = heldNow };
        response.Counts.AddRange(counts.Select(c => c.ToProto()));
        return response;
    }
}
