namespace Caravan.Storage;

/// <summary>Thrown at start-up when <see cref="StorageOptions"/> are invalid; the node must not start.</summary>
public sealed class StorageConfigurationException : Exception
{
    public StorageConfigurationException()
    {
        Errors = [];
    }

    public StorageConfigurationException(string message)
        : base(message)
    {
        Errors = [message];
    }

    public StorageConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    public StorageConfigurationException(IReadOnlyList<string> errors)
        : base("Invalid storage configuration: " + string.Join(" ", errors ?? []))
    {
        Errors = errors ?? [];
    }

    /// <summary>One message per invalid setting.</summary>
    public IReadOnlyList<string> Errors { get; }
}
