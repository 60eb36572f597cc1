using System.Data.Common;
using System.Security.Cryptography;
using Caravan.Common;
using Caravan.Storage;
using Dapper;

namespace Caravan.Window.Consignments;

/// <summary>
/// Documents attached to a consignment by its trader (or a broker under mandate): invoices, packing lists, permits,
/// photos. They can be added while the consignment is a draft or while an agency is waiting for information, and are
/// never changed or removed afterwards (they are part of what was lodged). Whoever may see the consignment may
/// download them; each carries its SHA-256 so that an agency can check it reads what the trader uploaded.
/// </summary>
public sealed class ConsignmentAttachments(ConsignmentWorkflow consignments, TimeProvider time)
{
    /// <summary>Largest accepted attachment (10 MiB).</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>Most attachments on one consignment.</summary>
    public const int MaxPerConsignment = 50;

    /// <summary>The content types accepted, each recognised by its first bytes as well as by its declared type.</summary>
    public static readonly IReadOnlyDictionary<string, byte[]> ContentTypes = new Dictionary<string, byte[]>(StringComparer.Ordinal)
    {
        ["application/pdf"] = "%PDF-"u8.ToArray(),
        ["image/png"] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        ["image/jpeg"] = [0xFF, 0xD8, 0xFF],
        ["application/xml"] = [],
        ["text/plain"] = [],
    };

    public sealed record AttachRequest(string FileName, string ContentType, string ContentBase64, string? Description);

    /// <summary>An attachment without its content (what lists and the consignment show).</summary>
    public sealed record Attachment(string Id, string ConsignmentId, string FileName, string ContentType, string? Description, long SizeBytes,
        string Sha256, string UploadedBy, DateTimeOffset UploadedAt);

    public async Task<Result<Attachment>> AttachAsync(Actor actor, string consignmentId, AttachRequest request, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(unit);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.FileName) || request.FileName.Length > 200 || request.FileName.IndexOfAny(['/', '\\', '\0']) >= 0 || request.FileName.Any(char.IsControl))
        {
            errors.Add(new FieldError("fileName", "file_name.invalid", "fileName is required: at most 200 characters, no path separators or control characters."));
        }
        if (request.ContentType is null || !ContentTypes.ContainsKey(request.ContentType))
        {
            errors.Add(new FieldError("contentType", "content_type.unsupported", $"contentType must be one of: {string.Join(", ", ContentTypes.Keys)}."));
        }
        if (request.Description is { Length: > 500 })
        {
            errors.Add(new FieldError("description", "too_long", "description is at most 500 characters."));
        }
        byte[] content = [];
        if (string.IsNullOrEmpty(request.ContentBase64))
        {
            errors.Add(new FieldError("contentBase64", "required", "contentBase64 (the file, base64-encoded) is required."));
        }
        else if (request.ContentBase64.Length > (MaxBytes / 3 * 4) + 4)
        {
            errors.Add(new FieldError("contentBase64", "too_large", $"An attachment is at most {MaxBytes / (1024 * 1024)} MiB."));
        }
        else
        {
            try
            {
                content = Convert.FromBase64String(request.ContentBase64);
            }
            catch (FormatException)
            {
                errors.Add(new FieldError("contentBase64", "base64.invalid", "contentBase64 is not valid base64."));
            }
        }
        if (content.Length == 0 && errors.Count == 0)
        {
            errors.Add(new FieldError("contentBase64", "empty", "The attachment is empty."));
        }
        if (content.Length > MaxBytes)
        {
            errors.Add(new FieldError("contentBase64", "too_large", $"An attachment is at most {MaxBytes / (1024 * 1024)} MiB."));
        }
        if (errors.Count == 0 && ContentTypes[request.ContentType!] is { Length: > 0 } magic && !content.AsSpan().StartsWith(magic))
        {
            errors.Add(new FieldError("contentBase64", "content_type.mismatch", $"The content is not {request.ContentType} (its first bytes do not match)."));
        }
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }
        var consignment = await consignments.LoadForTraderAsync(actor, consignmentId, unit, cancellationToken).ConfigureAwait(false);
        if (!consignment.IsSuccess)
        {
            return consignment.Failure;
        }
        var current = consignment.Value;
        var awaitingInformation = current.Tasks.Any(t => t.Status == AgencyTaskStatus.InformationRequested);
        if (current.Status != ConsignmentStatus.Draft && !(current.Status == ConsignmentStatus.InReview && awaitingInformation))
        {
            return Failure.Conflict("consignment.not_amendable", $"Consignment {consignmentId} is {Names.Of(current.Status)}; documents can be attached to a draft, or when an agency asks for information.");
        }
        var count = await unit.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from consignment_attachments where consignment_id = @consignmentId", new { consignmentId }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (count >= MaxPerConsignment)
        {
            return Failure.Conflict("attachments.too_many", $"A consignment has at most {MaxPerConsignment} attachments.");
        }
        var now = time.GetUtcNow();
        var id = "att_" + Guid.CreateVersion7(now).ToString("N");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into consignment_attachments (id, consignment_id, file_name, content_type, description, size_bytes, sha256, content, uploaded_by, uploaded_at_ms)
            values (@id, @consignmentId, @fileName, @contentType, @description, @size, @sha256, @content, @by, @at)
            """,
            new { id, consignmentId, fileName = request.FileName, contentType = request.ContentType, description = request.Description, size = (long)content.Length, sha256, content, by = actor.PartyId, at = now.ToUnixTimeMilliseconds() },
            unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await ConsignmentWorkflow.AppendEventAsync(unit, consignmentId, now, actor.PartyId, "attachment-added", $"{request.FileName} ({content.Length} bytes, sha256 {sha256[..16]}…)", null, cancellationToken).ConfigureAwait(false);
        return new Attachment(id, consignmentId, request.FileName, request.ContentType!, request.Description, content.Length, sha256, actor.PartyId, now);
    }

    /// <summary>The attachments of a consignment the actor may see; null when the consignment is not visible to it.</summary>
    public async Task<IReadOnlyList<Attachment>?> ListAsync(Actor actor, string consignmentId, DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var consignment = await consignments.FindAsync(consignmentId, connection, null, cancellationToken).ConfigureAwait(false);
        if (consignment is null || !ConsignmentWorkflow.MaySee(actor, consignment))
        {
            return null;
        }
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            Columns + " from consignment_attachments where consignment_id = @consignmentId order by uploaded_at_ms, id", new { consignmentId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToAttachment()).ToList();
    }

    /// <summary>One attachment with its content, if the actor may see its consignment; null otherwise (answered as not found).</summary>
    public async Task<(Attachment Attachment, byte[] Content)?> DownloadAsync(Actor actor, string consignmentId, string attachmentId, DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var consignment = await consignments.FindAsync(consignmentId, connection, null, cancellationToken).ConfigureAwait(false);
        if (consignment is null || !ConsignmentWorkflow.MaySee(actor, consignment))
        {
            return null;
        }
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            Columns + ", content as Content from consignment_attachments where consignment_id = @consignmentId and id = @attachmentId",
            new { consignmentId, attachmentId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : (row.ToAttachment(), row.Content ?? []);
    }

    private const string Columns =
        """
        select id as Id, consignment_id as ConsignmentId, file_name as FileName, content_type as ContentType, description as Description,
               size_bytes as SizeBytes, sha256 as Sha256, uploaded_by as UploadedBy, uploaded_at_ms as UploadedAtMs
        """;

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string ConsignmentId { get; set; } = "";
        public string FileName { get; set; } = "";
        public string ContentType { get; set; } = "";
        public string? Description { get; set; }
        public long SizeBytes { get; set; }
        public string Sha256 { get; set; } = "";
        public string UploadedBy { get; set; } = "";
        public long UploadedAtMs { get; set; }
        public byte[]? Content { get; set; }

        public Attachment ToAttachment() => new(Id, ConsignmentId, FileName, ContentType, Description, SizeBytes, Sha256, UploadedBy,
            DateTimeOffset.FromUnixTimeMilliseconds(UploadedAtMs));
    }
}
