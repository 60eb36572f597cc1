namespace Caravan.Storage.Migrations;

/// <summary>
/// The schema cannot be brought up to date safely (e.g. an applied script was edited afterwards); the node must not
/// start until an operator resolves it.
/// </summary>
public sealed class MigrationException : Exception
{
    public MigrationException()
    {
    }

    public MigrationException(string message)
        : base(message)
    {
    }

    public MigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
