namespace Caravan.Exchange.As4.Inspection;

/// <summary>The report and the process exit code: 0 when well-formed and every check that could run passed, 2 otherwise.</summary>
public sealed record As4InspectionOutcome(InspectionReport Report, int ExitCode)
{
    public const int Passed = 0;
    public const int CheckFailed = 2;
}
