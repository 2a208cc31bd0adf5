using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain.Tests.Builders;

/// <summary>An applied event, its sequence, and the member's balance right after applying it.</summary>
public sealed record JournalEntry(long Sequence, MemberEvent Event, Balance StateBalanceAfter);
