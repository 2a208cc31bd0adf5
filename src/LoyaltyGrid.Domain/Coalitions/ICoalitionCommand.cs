using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>An admin change to a program's coalition; <see cref="CoalitionAdmin"/> decides it.</summary>
public interface ICoalitionCommand : IProgramCommand;
