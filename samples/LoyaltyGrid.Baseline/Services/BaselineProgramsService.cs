using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.Baseline.Services;

/// <summary>
/// Trivial answers for the load generator's setup: the baseline has no programs, every program id exists and earns
/// at the fixed rate. Nothing is stored.
/// </summary>
public sealed class BaselineProgramsService : Programs.ProgramsBase
{
    public override Task<CreateProgramResponse> CreateProgram(CreateProgramRequest request, ServerCallContext context) =>
        Task.FromResult(new CreateProgramResponse { Program = BaselineMapper.Program(request.ProgramId, request.Name, request.Currency) });

    public override Task<GetProgramResponse> GetProgram(GetProgramRequest request, ServerCallContext context) =>
        Task.FromResult(new GetProgramResponse { Program = BaselineMapper.Program(request.ProgramId, request.ProgramId, "EUR") });
}
