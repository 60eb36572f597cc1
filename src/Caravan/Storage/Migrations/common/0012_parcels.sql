-- The e-commerce parcel lane: the operator's settings (de minimis, value bands), tax registrations for collection at
-- sale, guarantee accounts of the liable parties, the batches received, the parcels with their assessment and
-- decision, consolidated declarations per liable party and period, and returns with their refunds. Amounts in the
-- national currency are integers of minor units (2 decimals), so both providers add them exactly in SQL.
create table parcel_settings (
    id integer primary key check (id = 1),
    settings_json text not null,
    updated_by text not null,
    updated_at_ms bigint not null
);

create table parcel_registrations (
    number text primary key,
    party_id text not null,
    platform text not null,
    valid_from text not null,
    valid_to text,
    registered_by text not null,
    registered_at_ms bigint not null
);

create table guarantee_accounts (
    party_id text primary key,
    amount_minor bigint not null,
    liability_minor bigint not null,
    updated_at_ms bigint not null
);

create table parcel_batches (
    id text primary key,
    submitter_party_id text not null,
    received_at_ms bigint not null,
    format text not null,
    settings_json text not null,
    line_count integer not null,
    accepted integer not null,
    duplicates integer not null,
    rejected integer not null
);

create table parcels (
    id text primary key,
    platform text not null,
    tracking_id text not null,
    batch_id text not null,
    line_number integer not null,
    submitter_party_id text not null,
    liable_party_id text not null,
    received_at_ms bigint not null,
    sale_date text not null,
    period text not null,
    seller text not null,
    buyer text not null,
    description text not null,
    hs_code text not null,
    hs_suggestion text,
    quantity text not null,
    value text not null,
    currency text not null,
    origin text not null,
    weight_kg text not null,
    collection text not null,
    collection_note text,
    registration text,
    value_minor bigint not null,
    duty_minor bigint not null,
    excise_minor bigint not null,
    tax_minor bigint not null,
    charge_minor bigint not null,
    collect_at text not null,
    value_band text not null,
    tariff_version integer not null,
    risk_score integer not null,
    risk_channel text not null,
    random_selected integer not null,
    rules_version integer,
    rule_hits text,
    decision text not null,
    hold_reason text,
    decided_by text,
    decided_at_ms bigint,
    findings text,
    guarantee_reserved integer not null,
    declaration_id text,
    returned_quantity text not null default '0',
    refunded_minor bigint not null default 0,
    unique (platform, tracking_id)
);

create index parcels_liable_period on parcels (liable_party_id, declaration_id, period);
create index parcels_submitter on parcels (submitter_party_id, received_at_ms);

create table parcel_declarations (
    id text primary key,
    party_id text not null,
    period text not null,
    lodged_by text not null,
    lodged_at_ms bigint not null,
    parcel_count integer not null,
    value_minor bigint not null,
    charge_minor bigint not null,
    refund_minor bigint not null,
    total_minor bigint not null,
    currency text not null,
    lines_json text not null,
    payment_order_id text,
    status text not null,
    paid_at_ms bigint,
    unique (party_id, period)
);

create table parcel_returns (
    id text primary key,
    parcel_id text not null,
    quantity text not null,
    refund_minor bigint not null,
    refund_to text not null,
    liable_party_id text not null,
    reason text,
    recorded_by text not null,
    recorded_at_ms bigint not null,
    declaration_id text
);

create index parcel_returns_parcel on parcel_returns (parcel_id);
create index parcel_returns_liable on parcel_returns (liable_party_id, declaration_id);

-- Inspection results now come from parcels as well as consignment items: the subject is a consignment or a parcel id.
alter table risk_feedback rename column consignment_id to subject_id;
