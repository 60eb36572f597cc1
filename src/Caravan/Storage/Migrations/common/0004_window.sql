-- The single window: the versioned requirements matrix, consignments with their agency tasks and append-only
-- history, broker mandates, and trader webhooks with their delivery queue.
create table matrix_versions (
    version integer primary key,
    rules_json text not null,
    created_at_ms bigint not null,
    created_by text not null,
    note text
);

create table consignments (
    id text primary key,
    trader_party_id text not null,
    lodged_by_party_id text not null,
    status text not null,
    procedure text not null,
    origin_country text not null,
    destination_country text not null,
    matrix_version integer,
    declaration_json text not null,
    facts_json text not null,
    created_at_ms bigint not null,
    updated_at_ms bigint not null,
    submitted_at_ms bigint,
    released_at_ms bigint
);
create index ix_consignments_trader on consignments (trader_party_id, created_at_ms);
create index ix_consignments_lodged_by on consignments (lodged_by_party_id, created_at_ms);

create table consignment_tasks (
    id text primary key,
    consignment_id text not null references consignments (id),
    seq integer not null,
    action_kind text not null,
    agency_party_id text not null,
    status text not null,
    rule_ids text not null,
    item_numbers text not null,
    reason text,
    decided_by text,
    decided_at_ms bigint,
    created_at_ms bigint not null,
    updated_at_ms bigint not null
);
create index ix_consignment_tasks_consignment on consignment_tasks (consignment_id, seq);
create index ix_consignment_tasks_agency on consignment_tasks (agency_party_id, status, created_at_ms);

create table consignment_events (
    consignment_id text not null references consignments (id),
    seq integer not null,
    at_ms bigint not null,
    actor text not null,
    kind text not null,
    reason text,
    task_id text,
    primary key (consignment_id, seq)
);

create table mandates (
    id text primary key,
    trader_party_id text not null,
    broker_party_id text not null,
    valid_from_ms bigint not null,
    valid_until_ms bigint not null,
    created_at_ms bigint not null,
    revoked_at_ms bigint
);
create index ix_mandates_pair on mandates (broker_party_id, trader_party_id);

create table webhooks (
    party_id text primary key,
    url text not null,
    secret text not null,
    created_at_ms bigint not null
);

create table webhook_deliveries (
    id text primary key,
    party_id text not null,
    event_json text not null,
    status text not null,
    attempts integer not null default 0,
    next_attempt_at_ms bigint not null,
    last_error text,
    created_at_ms bigint not null,
    delivered_at_ms bigint
);
create index ix_webhook_deliveries_due on webhook_deliveries (status, next_attempt_at_ms);
