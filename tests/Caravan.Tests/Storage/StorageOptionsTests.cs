using Caravan.Storage;

namespace Caravan.Tests.Storage;

public sealed class StorageOptionsTests
{
    [Fact]
    public void Validate_PostgresWithoutConnectionString_NamesTheSetting()
    {
        var errors = new StorageOptions { Provider = StorageProvider.Postgres }.Validate();

        var error = Assert.Single(errors);
        Assert.Contains("Caravan:Storage:ConnectionString", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SqliteWithoutPathOrDataDirectory_NamesSqlitePath()
    {
        var errors = new StorageOptions { Provider = StorageProvider.Sqlite }.Validate();

        Assert.Contains("Caravan:Storage:SqlitePath", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SqliteWithBothConnectionStringAndPath_NamesBoth()
    {
        var errors = new StorageOptions { ConnectionString = "Data Source=a.db", SqlitePath = "b.db" }.Validate();

        var error = Assert.Single(errors);
        Assert.Contains("Caravan:Storage:ConnectionString", error, StringComparison.Ordinal);
        Assert.Contains("Caravan:Storage:SqlitePath", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SqliteInMemory_IsRefused()
    {
        var errors = new StorageOptions { ConnectionString = "Data Source=:memory:" }.Validate();

        Assert.Contains("in-memory", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MalformedPostgresConnectionString_NamesTheSettingWithoutEchoingSecrets()
    {
        var errors = new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = "Host=db;Password=hunter2;Bogus Key=1" }.Validate();

        var error = Assert.Single(errors);
        Assert.Contains("Caravan:Storage:ConnectionString", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeBusyTimeout_NamesTheSetting()
    {
        var errors = new StorageOptions { DataDirectory = "/tmp/x", SqliteBusyTimeout = TimeSpan.FromSeconds(-1) }.Validate();

        Assert.Contains("Caravan:Storage:SqliteBusyTimeout", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DataDirectoryOnlyOrPostgresWithHost_IsValid()
    {
        Assert.Empty(new StorageOptions { DataDirectory = "/var/lib/caravan" }.Validate());
        Assert.Empty(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = "Host=db;Username=caravan" }.Validate());
    }

    [Fact]
    public void CreateDatabase_InvalidOptions_ThrowsListingEveryError()
    {
        var options = new StorageOptions { Provider = StorageProvider.Postgres, SqliteBusyTimeout = TimeSpan.FromHours(1) };

        var error = Assert.Throws<StorageConfigurationException>(() => CaravanDatabase.Create(options));

        Assert.Equal(2, error.Errors.Count);
    }
}
