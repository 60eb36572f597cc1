namespace Caravan.Window.Requirements;

/// <summary>The customs procedure a consignment is lodged under.</summary>
public enum Procedure
{
    Export,
    Import,
    Transit,
}
