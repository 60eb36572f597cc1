-- Audit entries written in a business transaction without taking the chain-head lock; a chainer appends them to
-- audit_log in order, in batches, right after. Pending entries are as durable as the change they record.
CREATE TABLE audit_pending (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    actor text NOT NULL,
    kind text NOT NULL,
    message_id text NULL,
    subject text NULL,
    details text NULL
);
