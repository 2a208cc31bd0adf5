using System.Globalization;
using System.Threading.Channels;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Grains;
using Core = LoyaltyGrid.Domain.Benefits;
using ProgramRules = LoyaltyGrid.Domain.Programs.ProgramRules;

namespace LoyaltyGrid.Api;

/// <summary>
/// Shared benefits: admins publish and retire them through the program's grain (which pushes the new rules to every
/// silo before answering); anyone of the program lists or watches them. Merchant and terminal keys see only the
/// benefits their merchant participates in.
/// </summary>
public sealed class BenefitsService(IGrainFactory grains, ProgramRulesCache cache, TimeProvider time) : V1.Benefits.BenefitsBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 500;

    public override async Task<PublishBenefitResponse> PublishBenefit(PublishBenefitRequest request, ServerCallContext context)
    {
        var v = new RequestValidator();
        var command = new Core.PublishBenefit(
            request.RequestId,
            request.ProgramId,
            AccessInterceptor.Caller(context).Actor,
            request.BenefitId,
            request.Name,
            request.Kind.ToDomain(v),
            request.PercentOff,
            request.AmountOffMinor,
            request.FreeService.ToDomain(v),
            request.BonusPoints,
            request.Target.ToDomain(v),
            request.ValidFrom.ToDomain("valid_from"),
            Required(v, request.ValidUntil.ToDomain("valid_until"), "valid_until"),
            [.. request.MerchantIds])
        {
            SegmentIds = [.. request.SegmentIds],
        };
        var change = (await Program(v, request.ProgramId).Change(command)).Unwrap();
        var published = change.Event as Core.BenefitPublished
            ?? throw new InvalidOperationException($"Publishing a benefit answered {change.Event.GetType().Name}.");
        return new PublishBenefitResponse { Benefit = published.Benefit.ToProto() };
    }

    public override async Task<RetireBenefitResponse> RetireBenefit(RetireBenefitRequest request, ServerCallContext context)
    {
        var command = new Core.RetireBenefit(request.RequestId, request.ProgramId, AccessInterceptor.Caller(context).Actor, request.BenefitId);
        var change = (await Program(new RequestValidator(), request.ProgramId).Change(command)).Unwrap();
        var benefit = change.Rules.Benefit(request.BenefitId)
            ?? throw new InvalidOperationException($"Program '{request.ProgramId}' retired benefit '{request.BenefitId}' but lacks it.");
        return new RetireBenefitResponse { Benefit = benefit.ToProto() };
    }

    public override async Task<ListBenefitsResponse> ListBenefits(ListBenefitsRequest request, ServerCallContext context)
    {
        var v = new RequestValidator()
            .Range("page_size", request.PageSize, 0, MaxPageSize)
            .Id("merchant_id", request.MerchantId, required: false);
        // The token is the position of the next benefit to look at: benefits are only ever appended.
        var start = 0;
        if (request.PageToken.Length > 0
            && !(int.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out start) && start > 0))
        {
            v.Add("page_token", "is not a token returned by ListBenefits; leave it empty for the first page");
        }
        var rules = (await Program(v, request.ProgramId).Get()).Unwrap();
        var merchant = MerchantOf(request.MerchantId, context);
        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var now = time.GetUtcNow();
        var response = new ListBenefitsResponse();
        for (var i = start; i < rules.Benefits.Count; i++)
        {
            var benefit = rules.Benefits[i];
            if (!Visible(benefit, merchant) || (request.ActiveOnly && !benefit.IsValidAt(now)))
            {
                continue;
            }
            if (response.Benefits.Count == pageSize)
            {
                response.NextPageToken = i.ToString(CultureInfo.InvariantCulture);
                break;
            }
            response.Benefits.Add(benefit.ToProto());
        }
        return response;
    }

    public override async Task WatchBenefits(WatchBenefitsRequest request, IServerStreamWriter<WatchBenefitsResponse> responseStream, ServerCallContext context)
    {
        new RequestValidator().Id("program_id", request.ProgramId).Id("merchant_id", request.MerchantId, required: false).ThrowIfInvalid();
        var merchant = MerchantOf(request.MerchantId, context);
        // Every silo's cache gets every change of the program (the program grain broadcasts before answering), so
        // listening to this silo's cache sees changes made through any silo. Listening starts before the first read,
        // so nothing falls between the two.
        var changes = Channel.CreateUnbounded<ProgramRules>(new UnboundedChannelOptions { SingleReader = true });
        void OnChanged(ProgramRules rules)
        {
            if (rules.ProgramId == request.ProgramId)
            {
                changes.Writer.TryWrite(rules);
            }
        }
        cache.Changed += OnChanged;
        try
        {
            var sent = await cache.GetAsync(request.ProgramId);
            foreach (var benefit in sent.Benefits.Where(b => Visible(b, merchant)))
            {
                await responseStream.WriteAsync(Message(BenefitChangeKind.Current, benefit, sent));
            }
            await responseStream.WriteAsync(new WatchBenefitsResponse { Kind = BenefitChangeKind.Synced, ProgramVersion = sent.Version });
            await foreach (var rules in changes.Reader.ReadAllAsync(context.CancellationToken))
            {
                if (rules.Version <= sent.Version)
                {
                    continue;
                }
                foreach (var (kind, benefit) in Changes(sent, rules).Where(c => Visible(c.Benefit, merchant)))
                {
                    await responseStream.WriteAsync(Message(kind, benefit, rules));
                }
                sent = rules;
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client stopped watching.
        }
        finally
        {
            cache.Changed -= OnChanged;
        }
    }

    /// <summary>Benefits published or retired between two versions of a program's rules, in publication order.</summary>
    private static IEnumerable<(BenefitChangeKind Kind, Core.Benefit Benefit)> Changes(ProgramRules before, ProgramRules after)
    {
        foreach (var benefit in after.Benefits)
        {
            var old = before.Benefit(benefit.BenefitId);
            if (old is null)
            {
                yield return (BenefitChangeKind.Published, benefit);
                if (benefit.RetiredAt is not null)
                {
                    yield return (BenefitChangeKind.Retired, benefit);
                }
            }
            else if (old.RetiredAt is null && benefit.RetiredAt is not null)
            {
                yield return (BenefitChangeKind.Retired, benefit);
            }
        }
    }

    private static WatchBenefitsResponse Message(BenefitChangeKind kind, Core.Benefit benefit, ProgramRules rules) =>
        new() { Kind = kind, Benefit = benefit.ToProto(), ProgramVersion = rules.Version };

    private static bool Visible(Core.Benefit benefit, string? merchant) => merchant is null || benefit.ParticipatesIn(merchant);

    /// <summary>The merchant whose view is asked for: as the request names it, else the merchant the caller's key acts for.</summary>
    private static string? MerchantOf(string requested, ServerCallContext context) =>
        requested.Length > 0 ? requested : AccessInterceptor.Caller(context).MerchantId;

    private IProgramGrain Program(RequestValidator v, string programId)
    {
        v.Id("program_id", programId).ThrowIfInvalid();
        return grains.GetGrain<IProgramGrain>(programId);
    }

    private static DateTimeOffset Required(RequestValidator v, DateTimeOffset? value, string field)
    {
        if (value is null)
        {
            v.Add(field, "is required");
        }
        return value ?? default;
    }
}
