namespace LoyaltyGrid.MessageSender;

/// <summary>
/// The last sequence the sender handled, in a file: written to a temporary file and moved over the old one, so a crash
/// leaves the old cursor or the new one, never half of one.
/// </summary>
public sealed class CursorFile(string path)
{
    public long Read() => File.Exists(path) && long.TryParse(File.ReadAllText(path).Trim(), out var sequence) ? sequence : 0;

    public void Write(long sequence)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        File.Move(temporary, path, overwrite: true);
    }
}
