using System.Text;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Grains;
using LoyaltyGrid.Storage.Insights;
using Core = LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Api;

/// <summary>
/// Segment calls: definitions go to the program's grain (its rules, audited), a member's segments to the member's
/// grain; counts and member lists are read from the projection the members' events keep (no rule to apply).
/// </summary>
public sealed class SegmentsService(IGrainFactory grains, MemberGrains members, IInsightsStore insights) : V1.Segments.SegmentsBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public override async Task<DefineSegmentResponse> DefineSegment(DefineSegmentRequest request, ServerCallContext context)
    {
        new RequestValidator().Id("program_id", request.ProgramId).ThrowIfInvalid();
        var change = (await grains.GetGrain<IProgramGrain>(request.ProgramId).Change(new Core.DefineSegment(
            request.RequestId, request.ProgramId, AccessInterceptor.Caller(context).Actor, request.SegmentId, request.Name,
            request.Conditions.ToDomain()))).Unwrap();
        var defined = change.Event as Core.SegmentDefined
            ?? throw new InvalidOperationException($"A program change answered {change.Event.GetType().Name}, not {nameof(Core.SegmentDefined)}.");
        return new DefineSegmentResponse { Segment = defined.Segment.ToProto(0) };
    }

    public override async Task<ListSegmentsResponse> ListSegments(ListSegmentsRequest request, ServerCallContext context)
    {
        new RequestValidator().Id("program_id", request.ProgramId).ThrowIfInvalid();
        var rules = (await grains.GetGrain<IProgramGrain>(request.ProgramId).Get()).Unwrap();
        var counts = await insights.CountSegmentMembersAsync(request.ProgramId, context.CancellationToken);
        var response = new ListSegmentsResponse();
        response.Segments.AddRange(rules.Segments.Select(s => s.ToProto(counts.GetValueOrDefault(s.SegmentId))));
        return response;
    }

    public override async Task<ListSegmentMembersResponse> ListSegmentMembers(ListSegmentMembersRequest request, ServerCallContext context)
    {
        var v = new RequestValidator().Id("program_id", request.ProgramId).Id("segment_id", request.SegmentId)
            .Range("page_size", request.PageSize, 0, MaxPageSize);
        var after = request.PageToken.Length == 0 ? null : After(v, request.PageToken);
        v.ThrowIfInvalid();
        var rules = (await grains.GetGrain<IProgramGrain>(request.ProgramId).Get()).Unwrap();
        if (rules.Segment(request.SegmentId) is null)
        {
            throw new LoyaltyException(LoyaltyError.NotFound("SEGMENT_NOT_FOUND",
                $"program '{request.ProgramId}' has no segment '{request.SegmentId}'"));
        }
        var page = await insights.ListSegmentMembersAsync(request.ProgramId, request.SegmentId, after,
            request.PageSize == 0 ? DefaultPageSize : request.PageSize, context.CancellationToken);
        var response = new ListSegmentMembersResponse { NextPageToken = page.NextAfter is { } next ? Token(next) : "" };
        response.MemberIds.AddRange(page.MemberIds);
        return response;
    }

    public override async Task<GetMemberSegmentsResponse> GetMemberSegments(GetMemberSegmentsRequest request, ServerCallContext context)
    {
        new RequestValidator().Id("program_id", request.ProgramId).Id("member_id", request.MemberId).ThrowIfInvalid();
        var segments = (await members.Get(request.ProgramId, request.MemberId).Segments()).Unwrap();
        var response = new GetMemberSegmentsResponse();
        response.SegmentIds.AddRange(segments);
        return response;
    }

    /// <summary>A page token is the last member id of the page, base64url: opaque to clients, stable across silos.</summary>
    private static string Token(string memberId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("m:" + memberId)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? After(RequestValidator v, string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            if (text.StartsWith("m:", StringComparison.Ordinal) && text.Length > 2)
            {
                return text[2..];
            }
        }
        catch (FormatException)
        {
        }
        v.Add("page_token", "is not a token this method returned; leave it empty for the first page");
        return null;
    }
}
