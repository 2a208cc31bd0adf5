using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Insights;
using LoyaltyGrid.Storage.Messaging;

namespace LoyaltyGrid.Silo;

/// <summary>The configured backend's pieces, made together because they share one database (and on SQLite one writer).</summary>
internal sealed record StorageBackend(IEventStore Events, IJournalFeed Feed, IInsightsStore Insights, IMessageStore Messages);
