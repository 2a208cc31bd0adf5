namespace LoyaltyGrid.Domain;

/// <summary>A mutable state that applies its stream's events in place, each at its sequence.</summary>
public interface IAppliesEvents<in TEvent>
{
    void Apply(TEvent e, long sequence);
}
