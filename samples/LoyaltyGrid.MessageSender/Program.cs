// A program's message sender against a running LoyaltyGrid silo: watches Messages.WatchMessages and prints each
// message as it would hand it to its email, SMS or push provider, then records the message's sequence in a cursor
// file. Started again (or after a silo restart, or a dropped connection) it resumes after the last sequence it
// recorded, so nothing is lost; a message handled but not yet recorded when the sender dies comes again (at least
// once), and a real sender dedupes by (program_id, sequence) or source_key.
//
//   LOYALTYGRID_API_KEY=<program admin key> dotnet run --project samples/LoyaltyGrid.MessageSender -- \
//       --program shop [--url http://127.0.0.1:5000] [--cursor shop.cursor] [--max 10]
//
// --max stops after that many messages (exit 0). Exit code 1 on an unexpected failure (a refusal: wrong key,
// unknown program), 2 on bad arguments.
using Grpc.Core;
using Grpc.Net.Client;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.MessageSender;

const string Usage = "usage: LoyaltyGrid.MessageSender --program <id> [--url http://127.0.0.1:5000] [--cursor <file>] [--max <n>]";

string? program = null, cursorFile = null;
var url = "http://127.0.0.1:5000";
long? max = null;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--program" when value is not null:
            program = value;
            i++;
            break;
        case "--url" when value is not null && Uri.TryCreate(value, UriKind.Absolute, out _):
            url = value;
            i++;
            break;
        case "--cursor" when value is not null:
            cursorFile = value;
            i++;
            break;
        case "--max" when long.TryParse(value, out var n) && n > 0:
            max = n;
            i++;
            break;
        case "-h" or "--help":
            Console.WriteLine(Usage);
            return 0;
        default:
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
if (program is null)
{
    Console.Error.WriteLine(Usage);
    return 2;
}
var key = Environment.GetEnvironmentVariable("LOYALTYGRID_API_KEY");
if (string.IsNullOrEmpty(key))
{
    Console.Error.WriteLine("set LOYALTYGRID_API_KEY to a program admin key of the program (or a platform admin key)");
    return 2;
}

var cursor = new CursorFile(cursorFile ?? $"{program}.cursor");
using var channel = GrpcChannel.ForAddress(url);
var messages = new Messages.MessagesClient(channel);
var headers = new Metadata { { "authorization", "Bearer " + key } };
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

long handled = 0;
var backoff = TimeSpan.FromMilliseconds(250);
Console.WriteLine($"watching program '{program}' at {url} after sequence {cursor.Read()}");
while (!stop.IsCancellationRequested)
{
    try
    {
        using var call = messages.WatchMessages(new WatchMessagesRequest { ProgramId = program, AfterSequence = cursor.Read() },
            headers, cancellationToken: stop.Token);
        await foreach (var message in call.ResponseStream.ReadAllAsync(stop.Token))
        {
            backoff = TimeSpan.FromMilliseconds(250);
            Console.WriteLine(Show.Message(message));
            // Sent: only now is the message's sequence recorded, so a crash before this line sends it again.
            cursor.Write(message.Sequence);
            if (max is { } limit && ++handled >= limit)
            {
                return 0;
            }
        }
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        break;
    }
    catch (RpcException ex) when (stop.IsCancellationRequested && ex.StatusCode == StatusCode.Cancelled)
    {
        break;
    }
    catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown or StatusCode.DeadlineExceeded)
    {
        // The silo restarted or the connection dropped: resume from the cursor after a pause.
        Console.WriteLine($"stream ended ({ex.StatusCode}); resuming after sequence {cursor.Read()} in {backoff.TotalMilliseconds:0} ms");
        await Task.Delay(backoff, CancellationToken.None);
        backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
    }
    catch (RpcException ex)
    {
        Console.Error.WriteLine($"refused: {ex.StatusCode} {ex.Status.Detail}");
        return 1;
    }
}
return 0;
