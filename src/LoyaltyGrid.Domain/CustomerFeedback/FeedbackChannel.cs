namespace LoyaltyGrid.Domain.CustomerFeedback;

/// <summary>Where a member gave feedback. The numbers are the stored ones (feedback_events.proto): never renumber.</summary>
public enum FeedbackChannel
{
    Pos = 1,
    Email = 2,
    Sms = 3,
    App = 4,
    Web = 5,
    Kiosk = 6,
}
