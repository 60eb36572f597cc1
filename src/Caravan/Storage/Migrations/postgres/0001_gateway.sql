-- Gateway tables: durable outbox, inbox (duplicate elimination), hash-chained audit log.
-- Timestamps are timestamptz; SQLite stores the same instants as integer microseconds since the Unix epoch.

CREATE TABLE outbox_messages (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id text NOT NULL UNIQUE,
    partner text NOT NULL,
    service text NOT NULL,
    action text NOT NULL,
    conversation_id text NOT NULL,
    ref_to_message_id text NULL,
    payload bytea NOT NULL,
    payload_content_type text NOT NULL,
    created_at timestamptz NOT NULL,
    status text NOT NULL CHECK (status IN ('pending', 'sending', 'delivered', 'dead')),
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error text NULL,
    claimed_by text NULL,
    claimed_until timestamptz NULL,
    delivered_at timestamptz NULL,
    receipt bytea NULL
);
-- Payloads are usually compressed and signed already: do not spend CPU trying to compress them again.
ALTER TABLE outbox_messages ALTER COLUMN payload SET STORAGE EXTERNAL;
CREATE INDEX ix_outbox_messages_due ON outbox_messages (next_attempt_at) WHERE status = 'pending';
CREATE INDEX ix_outbox_messages_lease ON outbox_messages (claimed_until) WHERE status = 'sending';
CREATE INDEX ix_outbox_messages_dead ON outbox_messages (id) WHERE status = 'dead';
CREATE INDEX ix_outbox_messages_partner ON outbox_messages (partner, created_at);

CREATE TABLE inbox_messages (
    message_id text PRIMARY KEY,
    from_partner text NOT NULL,
    service text NOT NULL,
    action text NOT NULL,
    conversation_id text NOT NULL,
    ref_to_message_id text NULL,
    received_at timestamptz NOT NULL,
    payload bytea NOT NULL,
    payload_content_type text NOT NULL,
    payload_length bigint NOT NULL,
    receipt bytea NULL,
    status text NOT NULL CHECK (status IN ('received', 'processed', 'rejected'))
);
ALTER TABLE inbox_messages ALTER COLUMN payload SET STORAGE EXTERNAL;
CREATE INDEX ix_inbox_messages_received ON inbox_messages (received_at);
CREATE INDEX ix_inbox_messages_unprocessed ON inbox_messages (received_at) WHERE status = 'received';

CREATE TABLE audit_log (
    seq bigint PRIMARY KEY CHECK (seq > 0),
    at timestamptz NOT NULL,
    actor text NOT NULL,
    kind text NOT NULL,
    message_id text NULL,
    subject text NULL,
    details text NULL,
    prev_hash bytea NOT NULL CHECK (length(prev_hash) = 32),
    hash bytea NOT NULL CHECK (length(hash) = 32)
);
CREATE INDEX ix_audit_log_message_id ON audit_log (message_id) WHERE message_id IS NOT NULL;

-- The chain head: the last seq and hash, kept apart so that deleting the newest entries is detectable, and
-- locked (SELECT ... FOR UPDATE) by every append so that concurrent node processes never fork the chain.
CREATE TABLE audit_chain_head (
    id smallint PRIMARY KEY CHECK (id = 1),
    seq bigint NOT NULL,
    hash bytea NOT NULL CHECK (length(hash) = 32)
);
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, decode(repeat('00', 32), 'hex'));

-- Append-only: the application never updates or deletes audit entries. (An owner can still disable this; the
-- hash chain is what makes such tampering detectable.)
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
