namespace LoyaltyGrid.Domain.Members;

/// <summary>A request that changes a member. Handled by <see cref="MemberAccount.Handle"/>.</summary>
public interface IMemberCommand
{
    string RequestId { get; }
    string ProgramId { get; }
    string MemberId { get; }

    /// <summary>Field checks that need no state; throws <see cref="LoyaltyException"/> with every violation.</summary>
    void Validate();
}
