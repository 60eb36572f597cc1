-- Customs: tariff versions (the checked CSV as loaded), published exchange rates, and the duty assessments of
-- consignments with their working. Decimals are stored as invariant text so both providers keep them exact.
create table tariff_versions (
    version integer primary key,
    csv text not null,
    created_at_ms bigint not null,
    created_by text not null,
    note text
);

create table exchange_rates (
    currency text not null,
    valid_from text not null,
    national_per_unit text not null,
    published_at_ms bigint not null,
    published_by text not null,
    primary key (currency, valid_from)
);

create table duty_assessments (
    consignment_id text primary key,
    assessed_by text not null,
    assessed_at_ms bigint not null,
    tariff_version integer not null,
    total text not null,
    currency text not null,
    certificate_country text,
    certificate_number text,
    assessment_json text not null
);
