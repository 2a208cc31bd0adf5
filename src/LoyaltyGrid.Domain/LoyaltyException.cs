namespace LoyaltyGrid.Domain;

/// <summary>Thrown by domain rules when a request must be refused; nothing has changed when it is thrown.</summary>
public sealed class LoyaltyException(LoyaltyError error) : Exception(error.Message)
{
    public LoyaltyError Error { get; } = error;
}
