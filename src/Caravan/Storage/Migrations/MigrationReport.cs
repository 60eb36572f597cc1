namespace Caravan.Storage.Migrations;

/// <summary>
/// What <see cref="MigrationRunner.MigrateAsync"/> did: the scripts it applied now, and versions recorded in the
/// database that this build does not know (a newer node already upgraded the schema).
/// </summary>
public sealed record MigrationReport(IReadOnlyList<Migration> Applied, IReadOnlyList<AppliedMigration> UnknownToThisBuild);
