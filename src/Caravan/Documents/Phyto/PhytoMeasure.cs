namespace Caravan.Documents.Phyto;

/// <summary>
/// A measured value with the unit code the certificate gives it (UN/ECE Rec 20 such as <c>CEL</c>, <c>HUR</c>,
/// <c>KGM</c>, or an IPPC hub unit). Used for treatment values, where units are wider than the trade-quantity list
/// of <see cref="Common.Quantity"/>; the decimal keeps its scale.
/// </summary>
public sealed record PhytoMeasure(decimal Value, string? UnitCode = null);
