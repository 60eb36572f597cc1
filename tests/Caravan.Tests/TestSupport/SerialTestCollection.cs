namespace Caravan.Tests.TestSupport;

/// <summary>
/// Tests that measure process-wide quantities (allocated bytes) run in this collection, alone, after the
/// parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTestCollection
{
    public const string Name = "Serial (measures process-wide allocations)";
}
