using Caravan.Documents.Common;

namespace Caravan.Customs.Parcels;

/// <summary>
/// One e-commerce parcel's advance data as pushed by a platform, express carrier or postal operator (one line of a
/// batch): who sells and buys through which platform, the goods (description, HS code when known, quantity, value,
/// origin, weight), the tracking id, how duty and tax are collected, and the date of sale. A parcel carries one
/// kind of goods; the pair (<see cref="Platform"/>, <see cref="TrackingId"/>) identifies it.
/// </summary>
public sealed record ParcelLine
{
    /// <summary>The 1-based line of the batch the parcel came on (after the CSV header).</summary>
    public required int Line { get; init; }

    public required string TrackingId { get; init; }

    /// <summary>The marketplace the goods were sold on (its short name, e.g. <c>shopzone</c>).</summary>
    public required string Platform { get; init; }

    public required string Seller { get; init; }

    public required string Buyer { get; init; }

    public required string Description { get; init; }

    /// <summary>The HS code (6 to 10 digits) when the sender gave one; otherwise one is suggested from the description.</summary>
    public string? HsCode { get; init; }

    public required decimal Quantity { get; init; }

    /// <summary>The intrinsic value of the goods (the price paid, without transport), in <see cref="Currency"/>.</summary>
    public required decimal Value { get; init; }

    public required CurrencyCode Currency { get; init; }

    public required CountryCode Origin { get; init; }

    public required decimal WeightKg { get; init; }

    public required CollectionModel Collection { get; init; }

    /// <summary>The vendor or platform's tax registration number (IOSS-like), required for <see cref="CollectionModel.Vendor"/>.</summary>
    public string? Registration { get; init; }

    /// <summary>The date of sale (payment accepted), which puts the parcel in a declaration period; the receipt date when absent.</summary>
    public DateOnly? SaleDate { get; init; }
}

/// <summary>How duty and tax on a parcel are collected (the WCO e-commerce principles' models).</summary>
public enum CollectionModel
{
    /// <summary>The vendor or platform collects at sale under a tax registration and remits periodically; nothing is charged at the border.</summary>
    Vendor,

    /// <summary>The express carrier (or another intermediary) pays at the border on its deferred account and recovers from the buyer.</summary>
    Intermediary,

    /// <summary>The buyer pays on delivery; the delivering operator collects and remits.</summary>
    Consumer,
}

/// <summary>The wire names of <see cref="CollectionModel"/>.</summary>
public static class CollectionModelNames
{
    public static string ToName(this CollectionModel model) => model switch
    {
        CollectionModel.Vendor => "vendor",
        CollectionModel.Intermediary => "intermediary",
        CollectionModel.Consumer => "consumer",
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, null),
    };

    public static bool TryParse(ReadOnlySpan<char> text, out CollectionModel model)
    {
        switch (text)
        {
            case "vendor": model = CollectionModel.Vendor; return true;
            case "intermediary": model = CollectionModel.Intermediary; return true;
            case "consumer": model = CollectionModel.Consumer; return true;
            default: model = default; return false;
        }
    }
}

/// <summary>Why a line of a batch was refused: its line, the tracking id when it could be read, the field, a stable code and a message.</summary>
public sealed record ParcelLineError(int Line, string? TrackingId, string Field, string Code, string Message);
