using Microsoft.Data.Sqlite;

namespace Caravan.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Sqlite_OpensAndQueries()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "select sqlite_version()";
        var version = (string)command.ExecuteScalar()!;
        Assert.StartsWith("3.", version, StringComparison.Ordinal);
    }
}
