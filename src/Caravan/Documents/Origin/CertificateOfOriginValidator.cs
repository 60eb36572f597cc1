using Caravan.Documents.Common;
using static Caravan.Documents.Origin.CertificateOfOriginErrorCodes;
using L = Caravan.Documents.Origin.CertificateOfOriginLimits;

namespace Caravan.Documents.Origin;

/// <summary>
/// Checks a certificate of origin against the business rules and returns every problem with its field path
/// (<c>items[2].originCriterion.rvcPercentage</c>) and stable code. It never stops at the first error. The rules
/// are listed in docs/documents/certificate-of-origin.md.
/// </summary>
public static class CertificateOfOriginValidator
{
    /// <summary>Validates <paramref name="certificate"/>; an empty list means it is acceptable at <paramref name="stage"/>.</summary>
    public static IReadOnlyList<DocumentError> Validate(
        CertificateOfOrigin certificate, CertificateOfOriginStage stage = CertificateOfOriginStage.Issued)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var errors = new List<DocumentError>();
        var c = certificate;

        CodeText(errors, "certificateNumber", c.CertificateNumber, required: true);
        CodeText(errors, "agreement", c.Agreement, required: true);
        Require(errors, "issuingCountry", c.IssuingCountry);
        Require(errors, "importingCountry", c.ImportingCountry);
        Require(errors, "issueDate", c.IssueDate);

        if (Require(errors, "issuingAuthority", c.IssuingAuthority) && c.IssuingAuthority is { } authority)
        {
            Text(errors, "issuingAuthority.name", authority.Name, L.Name, required: true);
            Require(errors, "issuingAuthority.country", authority.Country);
            if (authority.Country is { } ac && c.IssuingCountry is { } ic && ac != ic)
            {
                errors.Add(new("issuingAuthority.country", AuthorityNotInIssuingCountry,
                    $"The issuing authority is in {ac} but the issuing country is {ic}."));
            }
        }

        if (Require(errors, "exporter", c.Exporter))
        {
            ValidateParty(errors, "exporter", c.Exporter!);
            if (c.Exporter!.Country is { } ec && c.IssuingCountry is { } ic && ec != ic)
            {
                errors.Add(new("exporter.country", ExporterNotInIssuingCountry,
                    $"The exporter is in {ec} but the certificate is issued in {ic}."));
            }
        }

        if (Require(errors, "consignee", c.Consignee))
        {
            ValidateParty(errors, "consignee", c.Consignee!);
            if (c.Consignee!.Country is { } cc && c.ImportingCountry is { } imc && cc != imc)
            {
                errors.Add(new("consignee.country", ConsigneeNotInImportingCountry,
                    $"The consignee is in {cc} but the goods are exported to {imc}."));
            }
        }

        if (c.Producer is { } producer)
        {
            ValidateParty(errors, "producer", producer);
        }

        if (c.ImportingCountry is { } importing && c.IssuingCountry is { } issuing && importing == issuing)
        {
            errors.Add(new("importingCountry", ImportingIsIssuing, "The importing country must differ from the issuing country."));
        }

        var latestInvoiceDate = ValidateItems(errors, c);

        if (Require(errors, "transport", c.Transport) && c.Transport is { } transport)
        {
            Require(errors, "transport.departureDate", transport.DepartureDate);
            Require(errors, "transport.mode", transport.Mode);
            Text(errors, "transport.meansId", transport.MeansId, L.MeansId, required: false);
            if (transport.DepartureDate is { } departure && latestInvoiceDate is { } invoiced && departure < invoiced)
            {
                errors.Add(new("transport.departureDate", DateOrder,
                    $"The goods cannot depart ({departure:yyyy-MM-dd}) before they are invoiced ({invoiced:yyyy-MM-dd})."));
            }
        }

        if (Require(errors, "exporterDeclaration", c.ExporterDeclaration) && c.ExporterDeclaration is { } declaration)
        {
            Text(errors, "exporterDeclaration.place", declaration.Place, L.Place, required: true);
            Require(errors, "exporterDeclaration.date", declaration.Date);
            Text(errors, "exporterDeclaration.signatoryName", declaration.SignatoryName, L.Name, required: true);
            if (declaration.Date is { } declared && c.IssueDate is { } issued && issued < declared)
            {
                errors.Add(new("issueDate", DateOrder,
                    $"The certificate cannot be issued ({issued:yyyy-MM-dd}) before the exporter's declaration ({declared:yyyy-MM-dd})."));
            }
        }

        if (stage == CertificateOfOriginStage.Issued)
        {
            Require(errors, "certification", c.Certification);
        }
        if (c.Certification is { } certification)
        {
            Text(errors, "certification.place", certification.Place, L.Place, required: true);
            Require(errors, "certification.date", certification.Date);
            Text(errors, "certification.officerName", certification.OfficerName, L.Name, required: true);
            if (certification.Date is { } certified && c.ExporterDeclaration?.Date is { } declared && certified < declared)
            {
                errors.Add(new("certification.date", DateOrder,
                    $"The authority cannot certify ({certified:yyyy-MM-dd}) before the exporter declares ({declared:yyyy-MM-dd})."));
            }
        }

        Text(errors, "remarks", c.Remarks, L.Remarks, required: false);
        return errors;
    }

    private static DateOnly? ValidateItems(List<DocumentError> errors, CertificateOfOrigin c)
    {
        if (c.Items.Count == 0)
        {
            errors.Add(new("items", ItemsEmpty, "A certificate lists at least one item."));
            return null;
        }
        if (c.Items.Count > L.MaxItems)
        {
            errors.Add(new("items", ItemsTooMany, $"A certificate lists at most {L.MaxItems} items."));
        }

        DateOnly? latestInvoiceDate = null;
        var seenNumbers = new HashSet<int>();
        for (var i = 0; i < c.Items.Count; i++)
        {
            var item = c.Items[i];
            var path = $"items[{i}]";
            if (item is null)
            {
                errors.Add(new(path, Required, "The item is missing."));
                continue;
            }

            if (Require(errors, path + ".itemNumber", item.ItemNumber) && item.ItemNumber is { } number)
            {
                if (number is < 1 or > L.MaxItemNumber)
                {
                    errors.Add(new(path + ".itemNumber", ItemNumberRange, $"Item numbers run from 1 to {L.MaxItemNumber}."));
                }
                else if (!seenNumbers.Add(number))
                {
                    errors.Add(new(path + ".itemNumber", ItemNumberDuplicate, $"Item number {number} is used more than once."));
                }
            }

            Text(errors, path + ".marksAndNumbers", item.MarksAndNumbers, L.Description, required: false);
            if (item.Packages is { } packages)
            {
                if (Require(errors, path + ".packages.count", packages.Count) && packages.Count <= 0)
                {
                    errors.Add(new(path + ".packages.count", NumberNotPositive, "The number of packages must be positive."));
                }
                if (Require(errors, path + ".packages.kindCode", packages.KindCode) && !IsPackageKind(packages.KindCode!))
                {
                    errors.Add(new(path + ".packages.kindCode", PackagesKindFormat,
                        "A package kind is a UN/ECE Rec 21 code of two upper-case letters or digits."));
                }
            }
            Text(errors, path + ".description", item.Description, L.Description, required: true);
            Require(errors, path + ".hsCode", item.HsCode);

            if (Require(errors, path + ".originCriterion", item.OriginCriterion) && item.OriginCriterion is { } criterion)
            {
                ValidateCriterion(errors, path + ".originCriterion", criterion);
            }

            if (Require(errors, path + ".quantity", item.Quantity) && item.Quantity is { } quantity && quantity.Value <= 0)
            {
                errors.Add(new(path + ".quantity.value", NumberNotPositive, "The quantity must be positive."));
            }
            if (item.GrossWeightKg is { } weight && weight <= 0)
            {
                errors.Add(new(path + ".grossWeightKg", NumberNotPositive, "The gross weight must be positive."));
            }

            if (Require(errors, path + ".invoice", item.Invoice) && item.Invoice is { } invoice)
            {
                CodeText(errors, path + ".invoice.number", invoice.Number, required: true);
                if (Require(errors, path + ".invoice.date", invoice.Date) && invoice.Date is { } invoiceDate)
                {
                    if (c.IssueDate is { } issued && issued < invoiceDate)
                    {
                        errors.Add(new(path + ".invoice.date", DateOrder,
                            $"The invoice ({invoiceDate:yyyy-MM-dd}) cannot be dated after the certificate is issued ({issued:yyyy-MM-dd})."));
                    }
                    if (latestInvoiceDate is null || invoiceDate > latestInvoiceDate)
                    {
                        latestInvoiceDate = invoiceDate;
                    }
                }
            }

            if (Require(errors, path + ".fobValue", item.FobValue) && item.FobValue is { } fob && fob.Amount <= 0)
            {
                errors.Add(new(path + ".fobValue.amount", NumberNotPositive, "The FOB value must be positive."));
            }
        }
        return latestInvoiceDate;
    }

    private static void ValidateCriterion(List<DocumentError> errors, string path, OriginCriterion criterion)
    {
        if (!Require(errors, path + ".kind", criterion.Kind))
        {
            return;
        }
        if (criterion.Kind == OriginCriterionKind.RegionalValueContent)
        {
            if (criterion.RvcPercentage is not { } percentage)
            {
                errors.Add(new(path + ".rvcPercentage", RvcPercentageMissing, "An RVC criterion states the regional value content percentage."));
            }
            else if (percentage is < 0 or > 100)
            {
                errors.Add(new(path + ".rvcPercentage", RvcPercentageRange, "The RVC percentage is between 0 and 100."));
            }
        }
        else if (criterion.RvcPercentage is not null)
        {
            errors.Add(new(path + ".rvcPercentage", RvcPercentageUnexpected, "Only an RVC criterion carries a percentage."));
        }
    }

    private static void ValidateParty(List<DocumentError> errors, string path, Party party)
    {
        Text(errors, path + ".name", party.Name, L.Name, required: true);
        if (party.AddressLines.Count > L.MaxAddressLines)
        {
            errors.Add(new(path + ".addressLines", AddressTooManyLines, $"An address has at most {L.MaxAddressLines} lines."));
        }
        for (var i = 0; i < party.AddressLines.Count; i++)
        {
            Text(errors, $"{path}.addressLines[{i}]", party.AddressLines[i], L.AddressLine, required: true);
        }
        Text(errors, path + ".city", party.City, L.City, required: false);
        Text(errors, path + ".postalCode", party.PostalCode, L.PostalCode, required: false);
        Require(errors, path + ".country", party.Country);
        if (party.Identifier is { } identifier)
        {
            CodeText(errors, path + ".identifier.scheme", identifier.Scheme, required: true);
            Text(errors, path + ".identifier.value", identifier.Value, L.IdentifierValue, required: true);
        }
    }

    private static bool Require<T>(List<DocumentError> errors, string path, T? value)
        where T : struct
    {
        if (value is null)
        {
            errors.Add(new(path, Required, "This field is required."));
            return false;
        }
        return true;
    }

    private static bool Require<T>(List<DocumentError> errors, string path, T? value)
        where T : class
    {
        if (value is null)
        {
            errors.Add(new(path, Required, "This field is required."));
            return false;
        }
        return true;
    }

    private static void Text(List<DocumentError> errors, string path, string? value, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new(path, Required, "This field is required."));
            }
            else if (value is { Length: > 0 })
            {
                // Whitespace-only optional text is still checked for length and characters below.
                CheckText(errors, path, value, maxLength);
            }
            return;
        }
        CheckText(errors, path, value, maxLength);
    }

    private static void CheckText(List<DocumentError> errors, string path, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            errors.Add(new(path, TextTooLong, $"At most {maxLength} characters."));
        }
        if (!IsXmlText(value))
        {
            errors.Add(new(path, TextInvalidCharacters, "The text contains control characters or unpaired surrogates."));
        }
    }

    // A code: 1-35 printable ASCII characters without spaces (letters, digits and - . / _).
    private static void CodeText(List<DocumentError> errors, string path, string? value, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required || value is not null)
            {
                errors.Add(new(path, Required, "This field is required."));
            }
            return;
        }
        if (value.Length > L.Code)
        {
            errors.Add(new(path, TextTooLong, $"At most {L.Code} characters."));
        }
        foreach (var ch in value)
        {
            if (!(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.' or '/' or '_'))
            {
                errors.Add(new(path, CodeFormat, "A code holds only letters, digits and - . / _ (no spaces)."));
                break;
            }
        }
    }

    private static bool IsPackageKind(string code) =>
        code.Length == 2 && IsUpperOrDigit(code[0]) && IsUpperOrDigit(code[1]);

    private static bool IsUpperOrDigit(char c) => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c);

    /// <summary>True when every character can appear in XML 1.0 (no C0 controls but tab/LF/CR, paired surrogates, no U+FFFE/U+FFFF).</summary>
    internal static bool IsXmlText(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            if (ch < 0x20)
            {
                if (ch is not ('\t' or '\n' or '\r'))
                {
                    return false;
                }
            }
            else if (char.IsHighSurrogate(ch))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }
                i++;
            }
            else if (char.IsLowSurrogate(ch) || ch is '\uFFFE' or '\uFFFF')
            {
                return false;
            }
        }
        return true;
    }
}
