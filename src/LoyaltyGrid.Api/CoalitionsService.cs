using Grpc.Core;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Grains;
using static LoyaltyGrid.Api.ProgramRulesMapper;
using Core = LoyaltyGrid.Domain.Coalitions;

namespace LoyaltyGrid.Api;

/// <summary>
/// A coalition operator's calls. Changes are program commands sent to the program's grain like every other program
/// change; settlements are computed by the program's settlement grain. What a merchant admin may see of a settlement
/// (its own partner line) is decided here, from the caller's key, because the access table knows roles, not lines.
/// </summary>
public sealed class CoalitionsService(IGrainFactory grains, TimeProvider time) : Coalitions.CoalitionsBase
{
    public override async Task<ConfigureCoalitionResponse> ConfigureCoalition(ConfigureCoalitionRequest request, ServerCallContext context)
    {
        var command = new Core.ConfigureCoalition(request.RequestId, request.ProgramId, AccessInterceptor.Caller(context).Actor,
            request.OperatorName, request.LiabilityValueMinorPerThousandPoints);
        var change = (await Program(new RequestValidator(), request.ProgramId).Change(command)).Unwrap();
        return new ConfigureCoalitionResponse { Coalition = Coalition(change.Rules).ToProto(request.ProgramId, time.GetUtcNow()) };
    }

    public override async Task<JoinPartnerResponse> JoinPartner(JoinPartnerRequest request, ServerCallContext context)
    {
        var v = new RequestValidator();
        var terms = request.Terms.ToDomain("terms", v);
        var command = new Core.JoinPartner(request.RequestId, request.ProgramId, AccessInterceptor.Caller(context).Actor, terms!,
            OptionalTime(v, request.EffectiveFrom, "effective_from"));
        var change = (await Program(v, request.ProgramId).Change(command)).Unwrap();
        return new JoinPartnerResponse { Partner = Partner(change.Rules, terms!.MerchantId) };
    }

    public override async Task<UpdatePartnerTermsResponse> UpdatePartnerTerms(UpdatePartnerTermsRequest request, ServerCallContext context)
    {
        var v = new RequestValidator();
        var terms = request.Terms.ToDomain("terms", v);
        var command = new Core.UpdatePartnerTerms(request.RequestId, request.ProgramId, AccessInterceptor.Caller(context).Actor, terms!,
            OptionalTime(v, request.EffectiveFrom, "effective_from"));
        var change = (await Program(v, request.ProgramId).Change(command)).Unwrap();
        return new UpdatePartnerTermsResponse { Partner = Partner(change.Rules, terms!.MerchantId) };
    }

    public override async Task<RemovePartnerResponse> RemovePartner(RemovePartnerRequest request, ServerCallContext context)
    {
        var v = new RequestValidator();
        var command = new Core.RemovePartner(request.RequestId, request.ProgramId, AccessInterceptor.Caller(context).Actor,
            request.MerchantId, OptionalTime(v, request.EffectiveFrom, "effective_from"));
        var change = (await Program(v, request.ProgramId).Change(command)).Unwrap();
        return new RemovePartnerResponse { Partner = Partner(change.Rules, request.MerchantId) };
    }

    public override async Task<GetCoalitionResponse> GetCoalition(GetCoalitionRequest request, ServerCallContext context)
    {
        var rules = (await Program(new RequestValidator(), request.ProgramId).Get()).Unwrap();
        return new GetCoalitionResponse { Coalition = Coalition(rules).ToProto(request.ProgramId, time.GetUtcNow()) };
    }

    public override async Task<GetSettlementResponse> GetSettlement(GetSettlementRequest request, ServerCallContext context)
    {
        var result = await SettleAsync(request.ProgramId, request.PeriodStart, request.PeriodEnd);
        var settlement = result.Report.ToProto(result.Closed);
        settlement.AddRewardRedemptions(result.RewardRedemptions);
        if (OwnMerchantOnly(context) is { } merchant)
        {
            var own = settlement.Partners.Where(l => l.MerchantId == merchant).ToArray();
            settlement.Partners.Clear();
            settlement.Partners.Add(own);
            settlement.Operator = null;
            settlement.Totals = null;
            var ownRewards = settlement.RewardRedemptions.Where(r => r.PartnerId == merchant).ToArray();
            settlement.RewardRedemptions.Clear();
            settlement.RewardRedemptions.Add(ownRewards);
            settlement.OutstandingPointsAtStart = settlement.OutstandingPointsAtEnd = 0;
            settlement.LiabilityMinorAtStart = settlement.LiabilityMinorAtEnd = 0;
        }
        var response = new GetSettlementResponse { Settlement = settlement };
        var merchantOnly = OwnMerchantOnly(context);
        response.BenefitUses.AddRange(result.BenefitUses
            .Where(u => merchantOnly is null || u.MerchantId == merchantOnly)
            .Select(u => new BenefitUse { MerchantId = u.MerchantId, BenefitId = u.BenefitId, Uses = u.Uses }));
        return response;
    }

    public override async Task<ExportSettlementResponse> ExportSettlement(ExportSettlementRequest request, ServerCallContext context)
    {
        var version = request.CsvVersion == 0 ? Core.SettlementCsv.FirstVersion : request.CsvVersion;
        var result = await SettleAsync(request.ProgramId, request.PeriodStart, request.PeriodEnd,
            v => v.Range("csv_version", request.CsvVersion, 0, Core.SettlementCsv.LatestVersion));
        var csv = Core.SettlementCsv.Write(result.Report, result.RewardRedemptions, version);
        if (OwnMerchantOnly(context) is { } merchant)
        {
            // Row i + 1 of the CSV is line i of the report: no field of a report can hold a line break (ids, codes,
            // numbers and timestamps only), so splitting on "\n" finds the rows.
            var rows = csv.Split('\n');
            var lines = result.Report.Lines().ToArray();
            var own = Enumerable.Range(0, lines.Length)
                .Where(i => lines[i].Party == Core.SettlementParty.Partner && lines[i].MerchantId == merchant)
                .Select(i => rows[i + 1] + "\n");
            csv = rows[0] + "\n" + string.Concat(own);
        }
        return new ExportSettlementResponse { Csv = csv, Closed = result.Closed, CsvVersion = version };
    }

    private async Task<SettlementResult> SettleAsync(string programId, Google.Protobuf.WellKnownTypes.Timestamp? start,
        Google.Protobuf.WellKnownTypes.Timestamp? end, Action<RequestValidator>? more = null)
    {
        var v = new RequestValidator();
        var periodStart = RequiredTime(v, start, "period_start");
        var periodEnd = RequiredTime(v, end, "period_end");
        more?.Invoke(v);
        v.Id("program_id", programId).ThrowIfInvalid();
        return (await grains.GetGrain<ISettlementGrain>(programId).Compute(periodStart, periodEnd)).Unwrap();
    }

    /// <summary>The merchant a merchant admin's key is bound to (it sees that partner's line only); null for everyone else.</summary>
    private static string? OwnMerchantOnly(ServerCallContext context) =>
        AccessInterceptor.Caller(context) is { Role: Domain.Security.ApiRole.MerchantAdmin } key ? key.MerchantId ?? "" : null;

    private IProgramGrain Program(RequestValidator v, string programId)
    {
        v.Id("program_id", programId).ThrowIfInvalid();
        return grains.GetGrain<IProgramGrain>(programId);
    }

    private static Core.Coalition Coalition(Domain.Programs.ProgramRules rules) =>
        rules.Coalition ?? throw new LoyaltyException(LoyaltyError.Precondition("NOT_A_COALITION",
            $"program '{rules.ProgramId}' is not a coalition; ConfigureCoalition names its operator first"));

    private V1.Partner Partner(Domain.Programs.ProgramRules rules, string merchantId) =>
        (Coalition(rules).Partner(merchantId) ?? throw new InvalidOperationException(
            $"Program '{rules.ProgramId}' accepted a change of partner '{merchantId}' but does not have it."))
        .ToProto(time.GetUtcNow());
}
