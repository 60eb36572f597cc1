using Caravan.Common;
using Caravan.Documents.Declarations;
using Caravan.Window.Requirements;

namespace Caravan.Window.Consignments;

/// <summary>
/// What a trader lodges: the declaration, and the facts the requirements matrix reads from it (procedure from the
/// declaration type, export and destination countries, and per item the HS code, value and quantity). A draft may be
/// incomplete; <see cref="DeclarationValidator"/> decides whether it can be submitted.
/// </summary>
public sealed record Lodgement
{
    private Lodgement(CustomsDeclaration declaration, ConsignmentFacts facts)
    {
        Declaration = declaration;
        Facts = facts;
    }

    public CustomsDeclaration Declaration { get; }

    public ConsignmentFacts Facts { get; }

    /// <summary>The procedure a declaration type stands for: EX export, IM import, TR transit.</summary>
    public static Procedure? ProcedureOf(string? typeCode) => typeCode switch
    {
        "EX" => Procedure.Export,
        "IM" => Procedure.Import,
        "TR" => Procedure.Transit,
        _ => null,
    };

    /// <summary>
    /// Makes the lodgement of a declaration on the node of <paramref name="nodeCountry"/>: an export leaves from this
    /// country and an import arrives in it (filled in when the declaration leaves them out, refused when it names
    /// another country). Only the declaration type is required of a draft.
    /// </summary>
    public static Result<Lodgement> Create(CustomsDeclaration declaration, string nodeCountry)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var procedure = ProcedureOf(declaration.TypeCode);
        if (procedure is null)
        {
            return Failure.Validation([new FieldError("declaration.typeCode", declaration.TypeCode is null ? "required" : "type_code.unsupported",
                "declaration.typeCode must be EX (export), IM (import) or TR (transit): it decides the procedure.")]);
        }
        var node = Documents.Common.CountryCode.Of(nodeCountry);
        if (procedure == Procedure.Export)
        {
            if (declaration.ExportCountry is { } export && export != node)
            {
                return Failure.Validation([new FieldError("declaration.exportCountry", "export_country.not_this_node", $"Exports are lodged in their country of export; this is {nodeCountry}'s single window.")]);
            }
            declaration = declaration with { ExportCountry = node };
        }
        else if (procedure == Procedure.Import)
        {
            if (declaration.DestinationCountry is { } destination && destination != node)
            {
                return Failure.Validation([new FieldError("declaration.destinationCountry", "destination_country.not_this_node", $"Imports are lodged in their country of destination; this is {nodeCountry}'s single window.")]);
            }
            declaration = declaration with { DestinationCountry = node };
        }
        return new Lodgement(declaration, FactsOf(declaration, procedure.Value));
    }

    /// <summary>The facts of a declaration whose procedure is known (used again when a stored draft is assessed).</summary>
    public static ConsignmentFacts FactsOf(CustomsDeclaration declaration, Procedure procedure)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        return new ConsignmentFacts(procedure, declaration.ExportCountry?.Value ?? "", declaration.DestinationCountry?.Value ?? "",
            declaration.Items.Select((item, i) => new ConsignmentItemFacts(item.SequenceNumber ?? i + 1, item.HsCode?.Value ?? "", item.Value, item.Quantity)).ToList());
    }
}
