namespace Caravan.Storage;

/// <summary>The database engine a node stores its data in.</summary>
public enum StorageProvider
{
    /// <summary>An embedded SQLite file in the node's data folder (single process).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database, which several node processes may share.</summary>
    Postgres,
}
