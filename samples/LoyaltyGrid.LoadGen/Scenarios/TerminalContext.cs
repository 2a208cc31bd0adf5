using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.LoadGen.Scenarios;

/// <summary>
/// One virtual POS terminal's identity, clients and random source. A terminal issues one call at a time, so
/// nothing here needs locking even though its continuations hop between threads.
/// </summary>
internal sealed class TerminalContext
{
    private readonly string _runId;
    private readonly IReadOnlyList<string> _memberIds;
    private readonly int _lines;
    private readonly bool _labels;
    private long _sequence;

    /// <param name="labels">Give each line its brand label and add a delivery line now and then, as the rules of <see cref="BenchRules"/> read them.</param>
    public TerminalContext(int index, string runId, string programId, IReadOnlyList<string> memberIds, int lines, Checkout.CheckoutClient checkout,
        Members.MembersClient members, Diagnostics.DiagnosticsClient diagnostics, bool labels = false)
    {
        _runId = runId;
        _memberIds = memberIds;
        _lines = lines;
        _labels = labels;
        ProgramId = programId;
        TerminalId = $"term-{index}";
        StoreId = $"store-{index % Bench.Stores}";
        Random = new Random();
        Checkout = checkout;
        Members = members;
        Diagnostics = diagnostics;
    }

    public string ProgramId { get; }
    public string TerminalId { get; }
    public string StoreId { get; }
    public Random Random { get; }
    public Checkout.CheckoutClient Checkout { get; }
    public Members.MembersClient Members { get; }
    public Diagnostics.DiagnosticsClient Diagnostics { get; }

    /// <summary>Unique per run, terminal and call, so the server never treats a new call as a retry.</summary>
    public string NextRequestId() => $"{_runId}-{TerminalId}-{++_sequence}";

    public string PickMember() => _memberIds[Random.Next(_memberIds.Count)];

    /// <summary>A basket of distinct skus, 1-3 of each, from the shared catalog, happening now (with labels: see the constructor).</summary>
    public RecordPurchaseRequest NewPurchase(string memberId)
    {
        var request = new RecordPurchaseRequest
        {
            RequestId = NextRequestId(),
            ProgramId = ProgramId,
            MemberId = memberId,
            MerchantId = Bench.MerchantId,
            StoreId = StoreId,
            TerminalId = TerminalId,
            Currency = Bench.Currency,
            OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow),
        };

        // Consecutive catalog items from a random start are distinct as long as lines <= catalog size.
        int first = Random.Next(Bench.CatalogSize);
        for (int i = 0; i < _lines; i++)
        {
            int item = (first + i) % Bench.CatalogSize;
            var line = new PurchaseLine
            {
                Sku = Bench.Sku(item),
                Category = Bench.Category(item),
                Quantity = Random.Next(1, 4),
                UnitPriceMinor = Bench.UnitPriceMinor(item),
            };
            if (_labels)
            {
                line.Labels.Add(Bench.Brand(item));
            }
            request.Lines.Add(line);
        }
        if (_labels && Random.Next(4) == 0)
        {
            // One basket in four is delivered: the delivery line earns nothing and counts for no spend.
            request.Lines.Add(new PurchaseLine { Sku = "delivery", Category = "shipping", Quantity = 1, UnitPriceMinor = 495, Delivery = true });
        }

        return request;
    }
}
