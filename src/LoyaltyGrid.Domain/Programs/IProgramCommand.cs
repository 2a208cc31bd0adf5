namespace LoyaltyGrid.Domain.Programs;

/// <summary>An admin's request to change a program. <see cref="Actor"/> is who asked, for the audit trail.</summary>
public interface IProgramCommand
{
    string RequestId { get; }
    string ProgramId { get; }
    string Actor { get; }
    void Validate();
}
