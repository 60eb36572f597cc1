using System.Data.Common;
using System.Runtime.InteropServices;

namespace Caravan.Storage;

/// <summary>Small helpers for binding parameters on provider-neutral commands.</summary>
public static class DbCommandExtensions
{
    /// <summary>Adds a parameter <c>@name</c>; null becomes <see cref="DBNull"/>.</summary>
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>Adds a binary parameter without copying when the memory wraps a whole array.</summary>
    public static DbCommand WithBytes(this DbCommand command, string name, ReadOnlyMemory<byte>? value)
    {
        object? bytes = value is { } memory ? AsArray(memory) : null;
        return command.With(name, bytes);
    }

    internal static byte[] AsArray(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) && segment.Array is not null && segment.Offset == 0 && segment.Count == segment.Array.Length
            ? segment.Array
            : memory.ToArray();
}
