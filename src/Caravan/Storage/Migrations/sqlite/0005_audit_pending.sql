-- Audit entries written in a business transaction without taking the chain-head lock; a chainer appends them to
-- audit_log in order, in batches, right after. Pending entries are as durable as the change they record.
CREATE TABLE audit_pending (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    message_id TEXT NULL,
    subject TEXT NULL,
    details TEXT NULL
) STRICT;
