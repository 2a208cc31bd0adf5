using System.Reflection;

namespace LoyaltyGrid.Storage;

/// <summary>
/// One versioned schema script of a backend (<c>Migrations/NNN_name.sql</c>, embedded in the backend's assembly). A
/// backend applies the scripts above its recorded schema version in order, each recorded in its version table in the
/// same transaction, so a database is always at exactly one version.
/// </summary>
public sealed record SqlMigration(int Version, string Name, string Sql)
{
    /// <summary>The scripts embedded in <paramref name="assembly"/> as <c>Migrations/NNN_name.sql</c>, lowest version first.</summary>
    public static IReadOnlyList<SqlMigration> Load(Assembly assembly)
    {
        var migrations = new List<SqlMigration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Migrations/", StringComparison.Ordinal)))
        {
            var name = Path.GetFileNameWithoutExtension(resource["Migrations/".Length..]);
            var underscore = name.IndexOf('_');
            if (underscore <= 0 || !int.TryParse(name[..underscore], out var version))
            {
                throw new InvalidOperationException($"Migration '{resource}' is not named NNN_name.sql.");
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new SqlMigration(version, name, reader.ReadToEnd()));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migrations must be numbered 1, 2, 3… without gaps; found {migrations[i].Name}.");
            }
        }
        return migrations;
    }
}
