using LoyaltyGrid.Domain.Messaging;

namespace LoyaltyGrid.Domain.Programs;

/// <summary>The program's messaging policy was replaced.</summary>
public sealed record MessagingPolicySet(MessagingPolicy Policy) : ProgramEvent;
