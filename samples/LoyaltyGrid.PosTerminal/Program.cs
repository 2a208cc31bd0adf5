// One POS terminal session against a running LoyaltyGrid silo, printed step by step.
//
//   LOYALTYGRID_API_KEY=<admin key> dotnet run --project samples/LoyaltyGrid.PosTerminal -- [--url http://127.0.0.1:5000]
//
// The admin key (the silo's bootstrap key) sets up the demo program and issues this terminal its own key;
// the session then runs with the terminal key, as a till would.
//
// Exit code 0 when the session ran as described, 1 on an unexpected failure (server unreachable, a call
// refused that should have worked, a promise of the API broken), 2 on bad arguments.
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.PosTerminal;

const string Usage = "usage: LoyaltyGrid.PosTerminal [--url http://127.0.0.1:5000]";
const string DemoProgramId = "demo";
const string MerchantId = "demo-merchant", StoreId = "store-001", TerminalId = "lane-1";

var url = "http://127.0.0.1:5000";
switch (args)
{
    case []:
        break;
    case ["--url", var value] when Uri.TryCreate(value, UriKind.Absolute, out _):
        url = value;
        break;
    case ["-h" or "--help"]:
        Console.WriteLine(Usage);
        return 0;
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}

var adminKey = Environment.GetEnvironmentVariable("LOYALTYGRID_API_KEY");
if (string.IsNullOrEmpty(adminKey))
{
    Console.Error.WriteLine("set LOYALTYGRID_API_KEY to an admin key (the silo's bootstrap key; see the README, \"API keys\")");
    return 2;
}

// One channel (one HTTP/2 connection) shared by all service clients; each call names its key. A call answered
// UNAVAILABLE or INTERNAL (a silo died, the server could not finish) is resent by the channel itself, byte for byte,
// so with the same request_id: the server answers a resent request with its original response, never counting it twice.
// Five attempts with backoff up to 3 s ride out a silo's failover (README, "Failover").
using var channel = GrpcChannel.ForAddress(url, new GrpcChannelOptions
{
    ServiceConfig = new ServiceConfig
    {
        MethodConfigs =
        {
            new MethodConfig
            {
                Names = { MethodName.Default },
                RetryPolicy = new RetryPolicy
                {
                    MaxAttempts = 5,
                    InitialBackoff = TimeSpan.FromMilliseconds(500),
                    MaxBackoff = TimeSpan.FromSeconds(3),
                    BackoffMultiplier = 2,
                    RetryableStatusCodes = { StatusCode.Unavailable, StatusCode.Internal },
                },
            },
        },
    },
});
var programs = new Programs.ProgramsClient(channel);
var members = new Members.MembersClient(channel);
var checkout = new Checkout.CheckoutClient(channel);
var admin = new Metadata { { "authorization", "Bearer " + adminKey } };
var terminal = admin;

// Every mutating call carries a request_id. Ours are unique per session, so each step happens once; a
// terminal retrying after a timeout must send the SAME id again (see the retry step below).
var session = Guid.NewGuid().ToString("N")[..8];
string RequestId(string step) => $"pos-{session}-{step}";
var memberId = $"pos-member-{session}"; // random, so every run starts from a zero balance

Console.WriteLine($"LoyaltyGrid POS terminal session against {url}");
Console.WriteLine();

try
{
    // ---- The program: created once, found again on every later run.
    // A fixed request_id makes this step harmless to repeat: a retry returns the original program.
    LoyaltyProgram program;
    try
    {
        program = (await programs.CreateProgramAsync(new CreateProgramRequest
        {
            RequestId = "pos-sample-create-program-demo",
            ProgramId = DemoProgramId,
            Name = "Demo program",
            Currency = "EUR",
            PointsPerCurrencyUnit = 10,
        }, headers: admin, deadline: Deadline())).Program;
        Show.Step("CreateProgram", "ok (or the original answer, if an earlier run created it)");
    }
    catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
    {
        // "demo" was created by someone else (another request_id or other settings): use it as it is.
        Show.Step("CreateProgram", $"ALREADY_EXISTS ({ex.Status.Detail}) -> GetProgram instead");
        program = (await programs.GetProgramAsync(new GetProgramRequest { ProgramId = DemoProgramId }, headers: admin, deadline: Deadline())).Program;
    }
    Show.Detail($"program {program.ProgramId} \"{program.Name}\": {program.Currency}, {program.PointsPerCurrencyUnit} points " +
                $"per 1 {program.Currency}, holds expire after {program.HoldTtl?.ToTimeSpan()}");

    // ---- This till's own key: it may act only for its merchant and store, never as an admin.
    var issued = await new Access.AccessClient(channel).IssueApiKeyAsync(new IssueApiKeyRequest
    {
        RequestId = RequestId("terminal-key"),
        Name = $"POS sample {TerminalId}",
        Role = ApiRole.Terminal,
        ProgramId = DemoProgramId,
        MerchantId = MerchantId,
        StoreId = StoreId,
    }, headers: admin, deadline: Deadline());
    terminal = new Metadata { { "authorization", "Bearer " + issued.ApiKey } };
    Show.Step("IssueApiKey", $"terminal key {issued.Key.KeyId} for {MerchantId}/{StoreId}");

    // ---- A new member.
    var member = (await members.EnrollMemberAsync(new EnrollMemberRequest
    {
        RequestId = RequestId("enroll"),
        ProgramId = DemoProgramId,
        MemberId = memberId,
        CardAlias = $"CARD-{session}",
    }, headers: terminal, deadline: Deadline())).Member;
    Show.Step("EnrollMember", $"{member.MemberId} (card {member.CardAlias})");
    Show.Detail(Show.Balance(member.Balance));

    // ---- Checkout: the basket earns points on its total, rounded down once.
    var purchaseRequest = new RecordPurchaseRequest
    {
        RequestId = RequestId("purchase"),
        ProgramId = DemoProgramId,
        MemberId = memberId,
        MerchantId = MerchantId,
        StoreId = StoreId,
        TerminalId = TerminalId,
        Currency = program.Currency,
        Lines =
        {
            new PurchaseLine { Sku = "ESPRESSO", Category = "coffee", Quantity = 2, UnitPriceMinor = 250 },
            new PurchaseLine { Sku = "BEANS-500G", Category = "grocery", Quantity = 1, UnitPriceMinor = 1290 },
        },
    };
    var purchase = await checkout.RecordPurchaseAsync(purchaseRequest, headers: terminal, deadline: Deadline());
    Show.Step("RecordPurchase", $"{purchase.TransactionId}: " +
        string.Join(" + ", purchaseRequest.Lines.Select(l => $"{l.Quantity} x {l.Sku} @ {Show.Money(l.UnitPriceMinor, purchase.Currency)}")));
    Show.Detail($"total {Show.Money(purchase.TotalMinor, purchase.Currency)} -> +{purchase.PointsEarned} points");
    Show.Detail(Show.Balance(purchase.Balance));

    // ---- Paying with points is two steps: authorize (hold the points) then capture (spend them) ...
    var hold = await checkout.AuthorizeRedemptionAsync(Redeem("authorize-1", 100), headers: terminal, deadline: Deadline());
    Show.Step("AuthorizeRedemption", $"{hold.HoldId}: {hold.Points} points held until {hold.ExpiresAt.ToDateTime():u}");
    Show.Detail(Show.Balance(hold.Balance));

    var capture = await checkout.CaptureRedemptionAsync(new CaptureRedemptionRequest
    {
        RequestId = RequestId("capture-1"),
        ProgramId = DemoProgramId,
        MemberId = memberId,
        HoldId = hold.HoldId,
    }, headers: terminal, deadline: Deadline());
    Show.Step("CaptureRedemption", $"{capture.HoldId}: {capture.PointsRedeemed} points spent");
    Show.Detail(Show.Balance(capture.Balance));

    // ---- ... or authorize then void, when the customer changes their mind (an unvoided hold expires by itself).
    var hold2 = await checkout.AuthorizeRedemptionAsync(Redeem("authorize-2", 50), headers: terminal, deadline: Deadline());
    Show.Step("AuthorizeRedemption", $"{hold2.HoldId}: {hold2.Points} points held");
    Show.Detail(Show.Balance(hold2.Balance));

    var release = await checkout.VoidRedemptionAsync(new VoidRedemptionRequest
    {
        RequestId = RequestId("void-2"),
        ProgramId = DemoProgramId,
        MemberId = memberId,
        HoldId = hold2.HoldId,
    }, headers: terminal, deadline: Deadline());
    Show.Step("VoidRedemption", $"{release.HoldId}: {release.PointsReleased} points given back");
    Show.Detail(Show.Balance(release.Balance));

    // ---- A return names the original transaction; the points earned on the returned part are clawed back.
    var returned = await checkout.RecordReturnAsync(new RecordReturnRequest
    {
        RequestId = RequestId("return"),
        ProgramId = DemoProgramId,
        MemberId = memberId,
        TransactionId = purchase.TransactionId,
        Lines = { new ReturnLine { Sku = "ESPRESSO", Quantity = 1 } },
        MerchantId = MerchantId,
        StoreId = StoreId,
        TerminalId = TerminalId,
    }, headers: terminal, deadline: Deadline());
    Show.Step("RecordReturn", $"{returned.ReturnId}: 1 x ESPRESSO of {purchase.TransactionId} -> " +
        $"-{returned.PointsReversed} points reversed, {returned.PointsWrittenOff} written off");
    Show.Detail(Show.Balance(returned.Balance));

    // ---- A terminal that timed out cannot know whether its purchase landed, so it sends the very same
    // request again. Same request_id + same content = the original answer (including the balance as it was
    // then), and nothing is awarded twice.
    var retried = await checkout.RecordPurchaseAsync(purchaseRequest, headers: terminal, deadline: Deadline());
    Show.Step("RecordPurchase (retry)", $"same request_id -> {retried.TransactionId}, +{retried.PointsEarned} points");
    Show.Detail(retried.TransactionId == purchase.TransactionId
        ? "same transaction id as the first call: the purchase was recorded once"
        : $"DIFFERENT transaction id (first call: {purchase.TransactionId})");
    Show.Detail($"response identical to the first one: {(retried.Equals(purchase) ? "yes" : "no")}");
    Expect(retried.TransactionId == purchase.TransactionId, "a retried purchase must return the original transaction id");

    // ---- A refusal: more points than the member has. How to read it: the status code, the message (for
    // people), and the google.rpc details (for code): branch on ErrorInfo.reason, never on the message.
    var available = returned.Balance.Available;
    Show.Step("AuthorizeRedemption", $"{available + 1} points, but only {available} are available -> refused:");
    var refusal = await ExpectRefusal(checkout.AuthorizeRedemptionAsync(Redeem("authorize-too-many", available + 1), headers: terminal, deadline: Deadline()),
        StatusCode.FailedPrecondition);
    if (refusal?.Reason == "INSUFFICIENT_POINTS")
    {
        Show.Detail("-> the till says \"not enough points\"; a refused request changes nothing");
    }

    // An INVALID_ARGUMENT refusal also names the bad fields in a google.rpc.BadRequest.
    Show.Step("AuthorizeRedemption", "0 points -> refused:");
    await ExpectRefusal(checkout.AuthorizeRedemptionAsync(Redeem("authorize-zero", 0), headers: terminal, deadline: Deadline()),
        StatusCode.InvalidArgument);

    // ---- Reading back: the balance, then the statement (newest first, paged).
    var final = (await members.GetMemberAsync(new GetMemberRequest { ProgramId = DemoProgramId, MemberId = memberId },
        headers: terminal, deadline: Deadline())).Member;
    Show.Step("GetMember", final.MemberId);
    Show.Detail(Show.Balance(final.Balance));

    Show.Step("ListLedgerEntries", "newest first; points = change of available + held");
    var pageToken = "";
    do
    {
        var page = await members.ListLedgerEntriesAsync(new ListLedgerEntriesRequest
        {
            ProgramId = DemoProgramId,
            MemberId = memberId,
            PageSize = 50,
            PageToken = pageToken,
        }, headers: terminal, deadline: Deadline());
        foreach (var entry in page.Entries)
        {
            Show.Detail($"#{entry.Sequence,-3} {entry.Type.ToString().ToUpperInvariant(),-8} {entry.Points,5:+0;-0;0} " +
                        $"(available {entry.AvailableDelta:+0;-0;0}, held {entry.HeldDelta:+0;-0;0})  {entry.Description}");
        }
        pageToken = page.NextPageToken;
    }
    while (pageToken.Length > 0);

    Console.WriteLine();
    Console.WriteLine("Session complete.");
    return 0;
}
catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
{
    Console.Error.WriteLine($"error: cannot reach the LoyaltyGrid server at {url}: {ex.StatusCode}: {ex.Status.Detail}");
    Console.Error.WriteLine("       Is the silo running, and is --url its gRPC address?");
    return 1;
}
catch (RpcException ex)
{
    Console.Error.WriteLine($"error: a call the session expected to succeed was refused ({ex.StatusCode}):");
    Show.Refusal(ex);
    return 1;
}
catch (Exception ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return 1;
}

// A terminal must never hang at the till: every call gets a deadline.
static DateTime Deadline() => DateTime.UtcNow.AddSeconds(10);

AuthorizeRedemptionRequest Redeem(string step, long points) => new()
{
    RequestId = RequestId(step),
    ProgramId = DemoProgramId,
    MemberId = memberId,
    Points = points,
    MerchantId = MerchantId,
    StoreId = StoreId,
    TerminalId = TerminalId,
};

// Runs a call the server must refuse with `expected`, and prints how to read the refusal.
static async Task<ErrorInfo?> ExpectRefusal<T>(AsyncUnaryCall<T> call, StatusCode expected)
{
    try
    {
        await call;
    }
    catch (RpcException ex) when (ex.StatusCode == expected)
    {
        return Show.Refusal(ex);
    }
    throw new InvalidOperationException($"the server accepted a request it should have refused with {expected}");
}

static void Expect(bool condition, string promise)
{
    if (!condition)
    {
        throw new InvalidOperationException($"the server broke a promise of the API: {promise}");
    }
}
