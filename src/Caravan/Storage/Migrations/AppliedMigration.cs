namespace Caravan.Storage.Migrations;

/// <summary>A row of <c>schema_migrations</c>: a script that was applied to this database, and when.</summary>
public sealed record AppliedMigration(int Version, string Name, string Checksum, DateTimeOffset AppliedAt);
