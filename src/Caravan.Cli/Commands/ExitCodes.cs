namespace Caravan.Cli.Commands;

/// <summary>Exit codes shared by the commands (sysexits-style where one fits).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int CheckFailed = 2;
    public const int Usage = 64;
    public const int Configuration = 78;
}
