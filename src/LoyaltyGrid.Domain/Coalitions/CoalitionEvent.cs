using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>A change to a program's coalition, journaled with the program's other changes.</summary>
public abstract record CoalitionEvent : ProgramEvent
{
    /// <summary>The coalition after this change; <paramref name="before"/> is null for a program that was not one yet.</summary>
    public abstract Coalition ApplyTo(Coalition? before);
}
