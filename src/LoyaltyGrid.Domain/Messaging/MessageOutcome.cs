namespace LoyaltyGrid.Domain.Messaging;

/// <summary>What became of one decided message; counted per program and kind (GetMessagingStats). The numbers are stored.</summary>
public enum MessageOutcome
{
    Delivered = 1,

    /// <summary>Waiting for the end of the member's quiet hours; decided again then (and counted again).</summary>
    Held = 2,

    /// <summary>A marketing message on no channel the member consented to.</summary>
    DroppedNoConsent = 3,

    /// <summary>The member already had the policy's most marketing messages of their local day.</summary>
    DroppedDailyCap = 4,

    /// <summary>The member already had the policy's most marketing messages of their local week (Monday to Sunday).</summary>
    DroppedWeeklyCap = 5,

    /// <summary>A transactional message for a member with no email, phone or push consent: nowhere to send it.</summary>
    DroppedNoChannel = 6,

    /// <summary>The event is older than <see cref="MessageGate.StaleAfter"/> when projected (a first run over an old journal): not sent late.</summary>
    DroppedStale = 7,
}
