-- Documents a trader attaches to a consignment (invoice, packing list, permits, photos), stored whole with their
-- SHA-256 so that an agency can check it downloads what the trader uploaded.
create table consignment_attachments (
    id text primary key,
    consignment_id text not null,
    file_name text not null,
    content_type text not null,
    description text,
    size_bytes bigint not null,
    sha256 text not null,
    content bytea not null,
    uploaded_by text not null,
    uploaded_at_ms bigint not null
);
create index ix_consignment_attachments_consignment on consignment_attachments (consignment_id, uploaded_at_ms);
