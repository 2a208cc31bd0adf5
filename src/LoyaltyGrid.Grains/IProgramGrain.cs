using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Grains;

/// <summary>One loyalty program's settings. Key: program_id.</summary>
[Alias("lg.IProgramGrain")]
public interface IProgramGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<GrainReply<ProgramSettings>> Create(CreateProgram command);

    /// <summary>The program, or NOT_FOUND.</summary>
    [Alias("Get")]
    Task<GrainReply<ProgramSettings>> Get();
}
