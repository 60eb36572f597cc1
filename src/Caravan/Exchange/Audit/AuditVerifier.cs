using System.Globalization;
using Caravan.Storage;

namespace Caravan.Exchange.Audit;

/// <summary>
/// Walks the whole audit chain in one consistent snapshot, recomputing every hash, and reports the first broken
/// entry: a rewritten entry (hash mismatch), a deleted entry (seq gap or prev_hash mismatch) or a deleted tail
/// (the chain-head row names a later seq than the last entry). Streams the log, so memory does not grow with it.
/// </summary>
public sealed class AuditVerifier
{
    private readonly CaravanDatabase _database;

    public AuditVerifier(CaravanDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>Chains any pending entries, then walks the whole chain and reports the first break.</summary>
    public async Task<AuditVerificationResult> VerifyAsync(CancellationToken cancellationToken)
    {
        await new AuditLog(_database).ChainPendingAsync(cancellationToken).ConfigureAwait(false);
        return await VerifyChainAsync(cancellationToken).ConfigureAwait(false);
    }

    private Task<AuditVerificationResult> VerifyChainAsync(CancellationToken cancellationToken) =>
        _database.ReadSnapshotAsync(
            async (connection, transaction, ct) =>
            {
                AuditChainHead head;
                using (var headCommand = connection.CreateCommand())
                {
                    headCommand.Transaction = transaction;
                    headCommand.CommandText = "SELECT seq, hash FROM audit_chain_head WHERE id = 1";
                    var headReader = await headCommand.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    await using (headReader.ConfigureAwait(false))
                    {
                        head = await headReader.ReadAsync(ct).ConfigureAwait(false)
                            ? new AuditChainHead(headReader.GetInt64(0), Convert.ToHexStringLower(headReader.GetFieldValue<byte[]>(1)))
                            : new AuditChainHead(-1, string.Empty);
                    }
                }
                if (head.Seq < 0)
                {
                    return new AuditVerificationResult(0, head, new AuditViolation(0, AuditViolationKind.HeadMismatch, "The chain head row is missing."));
                }

                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "SELECT seq, at, actor, kind, message_id, subject, details, prev_hash, hash FROM audit_log ORDER BY seq";
                var expectedSeq = 1L;
                var expectedPrev = Convert.ToHexStringLower(AuditHasher.ZeroHash());
                var checkedCount = 0L;
                var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        var record = AuditLog.ReadRecord(reader, _database.Dialect);
                        var violation = Check(record, expectedSeq, expectedPrev);
                        if (violation is not null)
                        {
                            return new AuditVerificationResult(checkedCount, head, violation);
                        }
                        checkedCount++;
                        expectedSeq++;
                        expectedPrev = record.Hash;
                    }
                }
                var lastSeq = expectedSeq - 1;
                if (head.Seq > lastSeq)
                {
                    return new AuditVerificationResult(checkedCount, head, new AuditViolation(
                        lastSeq + 1,
                        AuditViolationKind.MissingTail,
                        Invariant($"The chain head records seq {head.Seq} but the log ends at seq {lastSeq}: entries {lastSeq + 1}..{head.Seq} were deleted.")));
                }
                if (head.Seq != lastSeq || !string.Equals(head.Hash, expectedPrev, StringComparison.Ordinal))
                {
                    return new AuditVerificationResult(checkedCount, head, new AuditViolation(
                        head.Seq < lastSeq ? head.Seq + 1 : lastSeq,
                        AuditViolationKind.HeadMismatch,
                        Invariant($"The chain head (seq {head.Seq}) does not match the newest entry (seq {lastSeq}).")));
                }
                return new AuditVerificationResult(checkedCount, head, null);
            },
            cancellationToken);

    private static AuditViolation? Check(AuditRecord record, long expectedSeq, string expectedPrev)
    {
        if (record.Seq != expectedSeq)
        {
            return new AuditViolation(
                expectedSeq,
                AuditViolationKind.MissingEntry,
                record.Seq > expectedSeq
                    ? Invariant($"Entry {expectedSeq} is missing (the next entry present is {record.Seq}).")
                    : Invariant($"Entry {record.Seq} appears where {expectedSeq} was expected."));
        }
        if (!string.Equals(record.PrevHash, expectedPrev, StringComparison.Ordinal))
        {
            return new AuditViolation(
                record.Seq,
                AuditViolationKind.PrevHashMismatch,
                Invariant($"Entry {record.Seq} does not chain to the entry before it (prev_hash differs)."));
        }
        var recomputed = Convert.ToHexStringLower(AuditHasher.Compute(
            record.Seq, record.At, record.Actor, record.Kind, record.MessageId, record.Subject, record.DetailsJson,
            Convert.FromHexString(record.PrevHash)));
        if (!string.Equals(recomputed, record.Hash, StringComparison.Ordinal))
        {
            return new AuditViolation(
                record.Seq,
                AuditViolationKind.HashMismatch,
                Invariant($"Entry {record.Seq} was altered: its content does not match its hash."));
        }
        return null;
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
