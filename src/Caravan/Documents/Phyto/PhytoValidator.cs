using Caravan.Documents.Common;
using Caravan.Documents.Hs;
using static Caravan.Documents.Phyto.PhytoErrorCodes;

namespace Caravan.Documents.Phyto;

/// <summary>
/// The business rules of an ePhyto certificate (listed in docs/documents/ephyto.md). It returns every problem,
/// each with the dotted model path (<c>consignment.items[2].netWeight</c>) and a stable code from
/// <see cref="PhytoErrorCodes"/>; an empty list means the certificate can be issued and exchanged.
/// </summary>
public static class PhytoValidator
{
    /// <summary>Longest accepted free text (descriptions, declarations); names and codes are shorter.</summary>
    public const int MaxText = 4096;

    /// <summary>Longest accepted name, number or code.</summary>
    public const int MaxName = 512;

    /// <summary>Most line items on one certificate.</summary>
    public const int MaxItems = 999;

    public static IReadOnlyList<DocumentError> Validate(PhytosanitaryCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var errors = new List<DocumentError>();
        var d = certificate.Document;
        if (Require(errors, "document", d))
        {
            ValidateDocument(errors, d!);
        }
        var c = certificate.Consignment;
        if (Require(errors, "consignment", c))
        {
            ValidateConsignment(errors, c!, d);
        }
        return errors;
    }

    private static void ValidateDocument(List<DocumentError> errors, PhytoExchangedDocument d)
    {
        const string p = "document";
        Name(errors, p + ".name", d.Name, required: false);
        Name(errors, p + ".id", d.Id, required: true);
        if (Require(errors, p + ".typeCode", d.TypeCode) && !PhytoCodes.TypeCodes.Contains(d.TypeCode!.Value))
        {
            errors.Add(new(p + ".typeCode", TypeCodeUnknown,
                $"The type code is {PhytoCodes.PhytosanitaryCertificate} (phytosanitary) or {PhytoCodes.ReExportCertificate} (re-export)."));
        }
        if (Require(errors, p + ".statusCode", d.StatusCode) && !PhytoCodes.StatusCodes.Contains(d.StatusCode!.Value))
        {
            errors.Add(new(p + ".statusCode", StatusCodeUnknown,
                $"The status code is {PhytoCodes.StatusIssued} (issued), {PhytoCodes.StatusReplacement} (replacement) or {PhytoCodes.StatusWithdrawn} (withdrawn)."));
        }
        Require(errors, p + ".issueDateTime", d.IssueDateTime);
        Name(errors, p + ".issuerName", d.IssuerName, required: true);

        for (var i = 0; i < d.Notes.Count; i++)
        {
            Note(errors, $"{p}.notes[{i}]", d.Notes[i], maxContents: 1);
        }

        for (var i = 0; i < d.ReferencedDocuments.Count; i++)
        {
            var r = d.ReferencedDocuments[i];
            var rp = $"{p}.referencedDocuments[{i}]";
            Name(errors, rp + ".typeCode", r.TypeCode, required: true);
            Name(errors, rp + ".relationshipTypeCode", r.RelationshipTypeCode, required: false);
            Name(errors, rp + ".id", r.Id, required: true);
            if (r.Attachment is { } a)
            {
                Name(errors, rp + ".attachment.fileName", a.FileName, required: false);
                if (string.IsNullOrEmpty(a.ContentBase64))
                {
                    errors.Add(new(rp + ".attachment.contentBase64", Required, "An attachment has content."));
                }
            }
            if (r.Information is { } info)
            {
                Localized(errors, rp + ".information", info, MaxText);
            }
        }

        if (d.StatusCode == PhytoCodes.StatusReplacement && !d.ReferencedDocuments.Any(IsCertificateReference))
        {
            errors.Add(new(p + ".referencedDocuments", ReplacedCertificateMissing,
                "A replacement certificate refers to the certificate it replaces (a referenced document of type 851 or 657 with its number)."));
        }
        if (d.TypeCode == PhytoCodes.ReExportCertificate
            && !d.ReferencedDocuments.Any(r => r.TypeCode == "851" && !string.IsNullOrWhiteSpace(r.Id)))
        {
            errors.Add(new(p + ".referencedDocuments", OriginalCertificateMissing,
                "A re-export certificate refers to the original phytosanitary certificate (type 851) of the country of origin."));
        }

        if (Require(errors, p + ".signatory", d.Signatory) && d.Signatory is { } s)
        {
            Name(errors, p + ".signatory.officerName", s.OfficerName, required: true);
            Name(errors, p + ".signatory.placeName", s.PlaceName, required: false);
            Name(errors, p + ".signatory.providerName", s.ProviderName, required: false);
            for (var i = 0; i < s.Clauses.Count; i++)
            {
                Text(errors, $"{p}.signatory.clauses[{i}].content", s.Clauses[i].Content, MaxText, required: false);
            }
            if (s.ActualDateTime is { } signed && d.IssueDateTime is { } issued && signed.Date > issued.Date)
            {
                errors.Add(new(p + ".signatory.actualDateTime", DateAfterIssue, "The certificate cannot be signed after the day it is issued."));
            }
        }
    }

    private static bool IsCertificateReference(PhytoReferencedDocument r) =>
        r.TypeCode is "851" or "657" && !string.IsNullOrWhiteSpace(r.Id);

    private static void ValidateConsignment(List<DocumentError> errors, PhytoConsignment c, PhytoExchangedDocument? d)
    {
        const string p = "consignment";
        if (Require(errors, p + ".consignor", c.Consignor))
        {
            Party(errors, p + ".consignor", c.Consignor!);
        }
        if (Require(errors, p + ".consignee", c.Consignee))
        {
            Party(errors, p + ".consignee", c.Consignee!);
        }
        if (Require(errors, p + ".exportCountry", c.ExportCountry))
        {
            Require(errors, p + ".exportCountry.id", c.ExportCountry!.Id);
            Name(errors, p + ".exportCountry.name", c.ExportCountry.Name, required: false);
        }
        if (Require(errors, p + ".importCountry", c.ImportCountry))
        {
            Require(errors, p + ".importCountry.id", c.ImportCountry!.Id);
            Name(errors, p + ".importCountry.name", c.ImportCountry.Name, required: false);
        }
        if (c.ExportCountry?.Id is { } export && c.ImportCountry?.Id is { } import && export == import)
        {
            errors.Add(new(p + ".importCountry.id", ImportIsExport, "The importing country must differ from the exporting country."));
        }
        for (var i = 0; i < c.TransitCountries.Count; i++)
        {
            Require(errors, $"{p}.transitCountries[{i}].id", c.TransitCountries[i].Id);
            Name(errors, $"{p}.transitCountries[{i}].name", c.TransitCountries[i].Name, required: false);
        }
        if (c.UnloadingPort is { } port)
        {
            Name(errors, p + ".unloadingPort.name", port.Name, required: false);
            if (port.Id is null && port.Name is null)
            {
                errors.Add(new(p + ".unloadingPort", Required, "A point of entry has a UN/LOCODE or a name."));
            }
        }
        Name(errors, p + ".examinationPlace", c.ExaminationPlace, required: false);
        for (var i = 0; i < c.MainCarriages.Count; i++)
        {
            var m = c.MainCarriages[i];
            var mp = $"{p}.mainCarriages[{i}]";
            if (Require(errors, mp + ".modeCode", m.ModeCode) && m.ModeCode is < 0 or > 9)
            {
                errors.Add(new(mp + ".modeCode", ModeCodeUnknown, "The mode of transport is a UN/ECE Rec 19 code from 0 to 9."));
            }
            Name(errors, mp + ".id", m.Id, required: false);
            Name(errors, mp + ".meansName", m.MeansName, required: false);
        }
        if (c.Equipment is { } e)
        {
            Name(errors, p + ".equipment.id", e.Id, required: false);
            Name(errors, p + ".equipment.sealNumber", e.SealNumber, required: false);
        }

        if (c.Items.Count == 0)
        {
            errors.Add(new(p + ".items", ItemsEmpty, "A certificate lists at least one commodity."));
            return;
        }
        if (c.Items.Count > MaxItems)
        {
            errors.Add(new(p + ".items", ItemsTooMany, $"A certificate lists at most {MaxItems} commodities."));
        }
        var sequences = new HashSet<int>();
        for (var i = 0; i < c.Items.Count; i++)
        {
            Item(errors, $"{p}.items[{i}]", c.Items[i], d?.IssueDateTime, sequences);
        }
    }

    private static void Item(List<DocumentError> errors, string p, PhytoTradeLineItem item, PhytoDateTime? issued, HashSet<int> sequences)
    {
        if (Require(errors, p + ".sequenceNumber", item.SequenceNumber) && item.SequenceNumber is { } sequence)
        {
            if (sequence < 0)
            {
                errors.Add(new(p + ".sequenceNumber", NumberNegative, "A sequence number is zero or more."));
            }
            else if (!sequences.Add(sequence))
            {
                errors.Add(new(p + ".sequenceNumber", SequenceDuplicate, $"Sequence number {sequence} is used more than once."));
            }
        }
        LocalizedList(errors, p + ".descriptions", item.Descriptions, MaxText);
        LocalizedList(errors, p + ".commonNames", item.CommonNames, MaxName);
        LocalizedList(errors, p + ".scientificNames", item.ScientificNames, MaxName);
        LocalizedList(errors, p + ".intendedUses", item.IntendedUses, MaxName);
        if (!item.ScientificNames.Any(n => !string.IsNullOrWhiteSpace(n.Text)))
        {
            errors.Add(new(p + ".scientificNames", BotanicalNameMissing, "Each commodity gives the botanical (scientific) name of the plants or plant products."));
        }

        Measure(errors, p + ".netWeight", item.NetWeight, PhytoCodes.WeightUnits, WeightUnit, "mass");
        Measure(errors, p + ".grossWeight", item.GrossWeight, PhytoCodes.WeightUnits, WeightUnit, "mass");
        Measure(errors, p + ".netVolume", item.NetVolume, PhytoCodes.VolumeUnits, VolumeUnit, "volume");
        Measure(errors, p + ".grossVolume", item.GrossVolume, PhytoCodes.VolumeUnits, VolumeUnit, "volume");
        if (item.NetWeight is { } net && item.GrossWeight is { } gross && net.Unit == gross.Unit && gross.Value < net.Value)
        {
            errors.Add(new(p + ".grossWeight", GrossBelowNet, "The gross weight cannot be less than the net weight."));
        }

        for (var i = 0; i < item.Notes.Count; i++)
        {
            Note(errors, $"{p}.notes[{i}]", item.Notes[i], maxContents: int.MaxValue);
        }
        for (var i = 0; i < item.Classifications.Count; i++)
        {
            Classification(errors, $"{p}.classifications[{i}]", item.Classifications[i]);
        }
        for (var i = 0; i < item.Packages.Count; i++)
        {
            var pk = item.Packages[i];
            var pp = $"{p}.packages[{i}]";
            if (Require(errors, pp + ".levelCode", pk.LevelCode) && pk.LevelCode < 1)
            {
                errors.Add(new(pp + ".levelCode", NumberNotPositive, "Package levels start at 1 (outermost)."));
            }
            if (pk.TypeCode is { } type && !(type.Length == 2 && type.All(ch => char.IsAsciiLetterUpper(ch) || char.IsAsciiDigit(ch))))
            {
                errors.Add(new(pp + ".typeCode", PackageTypeFormat, "A package type is a UN/ECE Rec 21 code of two upper-case letters or digits."));
            }
            if (Require(errors, pp + ".quantity", pk.Quantity) && pk.Quantity <= 0)
            {
                errors.Add(new(pp + ".quantity", NumberNotPositive, "The number of packages must be positive."));
            }
        }
        for (var i = 0; i < item.Origins.Count; i++)
        {
            var o = item.Origins[i];
            var op = $"{p}.origins[{i}]";
            Require(errors, op + ".country", o.Country);
            Name(errors, op + ".countryName", o.CountryName, required: false);
            Name(errors, op + ".regionName", o.RegionName, required: false);
            Name(errors, op + ".regionLevelCode", o.RegionLevelCode, required: false);
        }
        for (var i = 0; i < item.Treatments.Count; i++)
        {
            Treatment(errors, $"{p}.treatments[{i}]", item.Treatments[i], issued);
        }
    }

    private static void Treatment(List<DocumentError> errors, string p, PhytoTreatment t, PhytoDateTime? issued)
    {
        Name(errors, p + ".typeCode", t.TypeCode, required: false);
        if (t.Start is { } start && issued is { } i1 && start.Date > i1.Date)
        {
            errors.Add(new(p + ".start", DateAfterIssue, "A treatment cannot start after the certificate is issued."));
        }
        if (t.End is { } end && issued is { } i2 && end.Date > i2.Date)
        {
            errors.Add(new(p + ".end", DateAfterIssue, "A treatment cannot end after the certificate is issued."));
        }
        if (t.Start is { } s && t.End is { } e && e.Date < s.Date)
        {
            errors.Add(new(p + ".end", DateOrder, "A treatment cannot end before it starts."));
        }
        if (t.Duration is { } duration && duration.Value <= 0)
        {
            errors.Add(new(p + ".duration", NumberNotPositive, "A treatment's duration must be positive."));
        }
        for (var i = 0; i < t.Characteristics.Count; i++)
        {
            var ch = t.Characteristics[i];
            var cp = $"{p}.characteristics[{i}]";
            if (ch.Descriptions.Count == 0 && ch.Value is null)
            {
                errors.Add(new(cp, Required, "A treatment characteristic has a code and a value."));
            }
            LocalizedList(errors, cp + ".descriptions", ch.Descriptions, MaxText);
            Name(errors, cp + ".value.unitCode", ch.Value?.UnitCode, required: false);
        }
    }

    private static void Classification(List<DocumentError> errors, string p, PhytoClassification k)
    {
        Name(errors, p + ".systemName", k.SystemName, required: true);
        Name(errors, p + ".classCode", k.ClassCode, required: false);
        LocalizedList(errors, p + ".classNames", k.ClassNames, MaxName);
        if (k.SystemName == PhytoCodes.SystemHs && k.ClassCode is { } code)
        {
            // HS subheading (6 digits) or a national tariff line built on one (8 or 10 digits).
            if (code.Length is not (6 or 8 or 10) || !code.AsSpan().ContainsOnlyAsciiDigits())
            {
                errors.Add(new(p + ".classCode", HsCodeFormat, "An HS code is 6, 8 or 10 digits without dots."));
            }
            else if (code.Substring(0, 6) is var subheading && (!HsNomenclature.Hs2022.TryGetEntry(subheading, out var entry) || entry.Level != HsLevel.Subheading))
            {
                errors.Add(new(p + ".classCode", HsCodeUnknown, $"'{subheading}' is not a subheading of HS 2022."));
            }
        }
        if (k.ClassCode is null && k.ClassNames.Count == 0 && k.SystemName != PhytoCodes.SystemHs)
        {
            errors.Add(new(p + ".classCode", Required, "A classification has a code or a name."));
        }
    }

    private static void Measure(List<DocumentError> errors, string path, Quantity? value, IReadOnlySet<string> units, string code, string kind)
    {
        if (value is not { } q)
        {
            return;
        }
        if (q.Value <= 0)
        {
            errors.Add(new(path + ".value", NumberNotPositive, "The amount must be positive."));
        }
        if (!units.Contains(q.Unit))
        {
            errors.Add(new(path + ".unit", code, $"'{q.Unit}' is not a {kind} unit (accepted: {string.Join(", ", units.Order(StringComparer.Ordinal))})."));
        }
    }

    private static void Party(List<DocumentError> errors, string p, PhytoParty party)
    {
        Name(errors, p + ".name", party.Name, required: true);
        for (var i = 0; i < party.Identifiers.Count; i++)
        {
            Name(errors, $"{p}.identifiers[{i}].value", party.Identifiers[i].Value, required: true);
            Name(errors, $"{p}.identifiers[{i}].listName", party.Identifiers[i].ListName, required: false);
        }
        if (party.AddressLines.Count > 5)
        {
            errors.Add(new(p + ".addressLines", AddressTooManyLines, "An address has at most 5 lines (LineOne to LineFive)."));
        }
        for (var i = 0; i < party.AddressLines.Count; i++)
        {
            Text(errors, $"{p}.addressLines[{i}]", party.AddressLines[i], MaxName, required: true);
        }
    }

    private static void Note(List<DocumentError> errors, string p, PhytoNote note, int maxContents)
    {
        Name(errors, p + ".subject", note.Subject, required: true);
        if (note.Contents.Count > maxContents)
        {
            errors.Add(new(p + ".contents", NoteContentCount, $"A document-level note carries at most {maxContents} content in the hub schema."));
        }
        LocalizedList(errors, p + ".contents", note.Contents, MaxText);
    }

    private static void LocalizedList(List<DocumentError> errors, string path, IReadOnlyList<LocalizedText> values, int maxLength)
    {
        for (var i = 0; i < values.Count; i++)
        {
            Localized(errors, $"{path}[{i}]", values[i], maxLength);
        }
    }

    private static void Localized(List<DocumentError> errors, string path, LocalizedText value, int maxLength)
    {
        if (value is null)
        {
            errors.Add(new(path, Required, "The text is missing."));
            return;
        }
        Text(errors, path + ".text", value.Text, maxLength, required: true);
        Name(errors, path + ".languageId", value.LanguageId, required: false);
    }

    private static void Name(List<DocumentError> errors, string path, string? value, bool required) =>
        Text(errors, path, value, MaxName, required);

    private static void Text(List<DocumentError> errors, string path, string? value, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required || value is { Length: 0 })
            {
                errors.Add(new(path, Required, "This field is required."));
                return;
            }
            if (value is null)
            {
                return;
            }
        }
        if (value.Length > maxLength)
        {
            errors.Add(new(path, TextTooLong, $"At most {maxLength} characters."));
        }
        if (!Origin.CertificateOfOriginValidator.IsXmlText(value))
        {
            errors.Add(new(path, TextInvalidCharacters, "The text contains control characters or unpaired surrogates."));
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
}
