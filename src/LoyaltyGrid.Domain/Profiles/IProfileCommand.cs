namespace LoyaltyGrid.Domain.Profiles;

/// <summary>A request that changes a member's profile. Handled by <see cref="ProfileBook.Decide"/>.</summary>
public interface IProfileCommand
{
    string RequestId { get; }
    string ProgramId { get; }
    string MemberId { get; }

    /// <summary>Field checks that need no state (a birth date is checked against <paramref name="now"/>); throws with every violation.</summary>
    void Validate(DateTimeOffset now);
}
