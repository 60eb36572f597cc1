-- Parties, API tokens, idempotency, revocations, certificates of origin and their status history.
-- Times are Unix milliseconds (bigint) on both providers; quantities are millionths (bigint) so that drawdown
-- checks are exact integer arithmetic in SQL.
create table parties (
    id text primary key,
    name text not null,
    role text not null,
    created_at_ms bigint not null
);

create table api_tokens (
    token_hash text primary key,
    party_id text not null references parties (id),
    created_at_ms bigint not null,
    revoked_at_ms bigint
);

create table idempotency_keys (
    party_id text not null,
    idem_key text not null,
    request_hash text not null,
    status_code integer not null,
    content_type text,
    response_body text,
    created_at_ms bigint not null,
    primary key (party_id, idem_key)
);

create table trust_revocations (
    serial text primary key,
    reason text not null,
    revoked_at_ms bigint not null,
    revoked_by text not null
);

create table number_sequences (
    name text primary key,
    next_value bigint not null
);

create table co_applications (
    id text primary key,
    exporter_party_id text not null references parties (id),
    destination_country text not null,
    status text not null,
    document_json text not null,
    certificate_number text,
    decision_reason text,
    created_at_ms bigint not null,
    updated_at_ms bigint not null
);
create index ix_co_applications_exporter on co_applications (exporter_party_id, created_at_ms);

create table certificates (
    issuing_country text not null,
    number text not null,
    direction text not null,
    document_type text not null,
    partner_country text not null,
    application_id text,
    exporter_party_id text,
    status text not null,
    document_json text not null,
    signed_xml text not null,
    message_id text,
    issued_at_ms bigint not null,
    updated_at_ms bigint not null,
    primary key (issuing_country, number)
);

create table certificate_items (
    issuing_country text not null,
    number text not null,
    item_number integer not null,
    hs_code text not null,
    unit text not null,
    quantity_micros bigint not null,
    used_micros bigint not null default 0,
    primary key (issuing_country, number, item_number)
);

create table certificate_utilizations (
    id text primary key,
    issuing_country text not null,
    number text not null,
    declaration_number text not null,
    item_number integer not null,
    quantity_micros bigint not null,
    at_ms bigint not null,
    recorded_by text not null
);
create index ix_certificate_utilizations_cert on certificate_utilizations (issuing_country, number);

create table certificate_status_history (
    issuing_country text not null,
    number text not null,
    seq integer not null,
    status text not null,
    at_ms bigint not null,
    actor text not null,
    reason text,
    details_json text,
    primary key (issuing_country, number, seq)
);
