-- Gateway tables: durable outbox, inbox (duplicate elimination), hash-chained audit log.
-- Timestamps are INTEGER microseconds since the Unix epoch (UTC); PostgreSQL uses timestamptz.

CREATE TABLE outbox_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id TEXT NOT NULL UNIQUE,
    partner TEXT NOT NULL,
    service TEXT NOT NULL,
    action TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    ref_to_message_id TEXT NULL,
    payload BLOB NOT NULL,
    payload_content_type TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'delivered', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT NULL,
    claimed_by TEXT NULL,
    claimed_until INTEGER NULL,
    delivered_at INTEGER NULL,
    receipt BLOB NULL
) STRICT;
CREATE INDEX ix_outbox_messages_due ON outbox_messages (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_outbox_messages_lease ON outbox_messages (claimed_until) WHERE status = 'sending';
CREATE INDEX ix_outbox_messages_dead ON outbox_messages (id) WHERE status = 'dead';
CREATE INDEX ix_outbox_messages_partner ON outbox_messages (partner, created_at);

CREATE TABLE inbox_messages (
    message_id TEXT PRIMARY KEY,
    from_partner TEXT NOT NULL,
    service TEXT NOT NULL,
    action TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    ref_to_message_id TEXT NULL,
    received_at INTEGER NOT NULL,
    payload BLOB NOT NULL,
    payload_content_type TEXT NOT NULL,
    payload_length INTEGER NOT NULL,
    receipt BLOB NULL,
    status TEXT NOT NULL CHECK (status IN ('received', 'processed', 'rejected'))
) STRICT;
CREATE INDEX ix_inbox_messages_received ON inbox_messages (received_at);
CREATE INDEX ix_inbox_messages_unprocessed ON inbox_messages (received_at) WHERE status = 'received';

CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY CHECK (seq > 0),
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    message_id TEXT NULL,
    subject TEXT NULL,
    details TEXT NULL,
    prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),
    hash BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;
CREATE INDEX ix_audit_log_message_id ON audit_log (message_id) WHERE message_id IS NOT NULL;

-- The chain head: the last seq and hash, kept apart so that deleting the newest entries is detectable.
CREATE TABLE audit_chain_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, zeroblob(32));

-- Append-only: the application never updates or deletes audit entries. (Whoever holds the file can still drop
-- these triggers; the hash chain is what makes such tampering detectable.)
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
