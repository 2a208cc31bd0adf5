using Grpc.Core;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Grains;

namespace LoyaltyGrid.Api;

public sealed class ProgramsService(IGrainFactory grains) : Programs.ProgramsBase
{
    public override async Task<CreateProgramResponse> CreateProgram(CreateProgramRequest request, ServerCallContext context)
    {
        var command = new CreateProgram(
            request.RequestId,
            request.ProgramId,
            request.Name,
            request.Currency,
            request.PointsPerCurrencyUnit,
            request.HoldTtl.ToDomain("hold_ttl"),
            request.HasAllowNegativeBalance ? request.AllowNegativeBalance : null,
            request.OfflineWindow.ToDomain("offline_window"));
        new RequestValidator().Id("program_id", command.ProgramId).ThrowIfInvalid();
        var program = (await grains.GetGrain<IProgramGrain>(command.ProgramId).Create(command)).Unwrap().Settings;
        return new CreateProgramResponse { Program = program.ToProto() };
    }

    public override async Task<GetProgramResponse> GetProgram(GetProgramRequest request, ServerCallContext context)
    {
        new RequestValidator().Id("program_id", request.ProgramId).ThrowIfInvalid();
        var program = (await grains.GetGrain<IProgramGrain>(request.ProgramId).Get()).Unwrap().Settings;
        return new GetProgramResponse { Program = program.ToProto() };
    }
}
