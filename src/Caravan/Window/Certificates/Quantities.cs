namespace Caravan.Window.Certificates;

/// <summary>Quantities are stored as whole millionths so that drawdown checks in SQL are exact.</summary>
public static class Quantities
{
    public const decimal Scale = 1_000_000m;

    public static bool TryToMicros(decimal quantity, out long micros)
    {
        var scaled = quantity * Scale;
        if (scaled != decimal.Truncate(scaled) || scaled < 0 || scaled > long.MaxValue / 4)
        {
            micros = 0;
            return false;
        }
        micros = (long)scaled;
        return true;
    }

    public static decimal FromMicros(long micros) => micros / Scale;
}
