-- Advance customs data (ACDD): what this node's customs sent ahead of exported goods, and what partners' customs
-- sent ahead of goods coming here, with the import consignment each received one is linked to.
create table advance_declarations (
    export_country text not null,
    declaration_number text not null,
    direction text not null,
    import_country text not null,
    consignment_id text,
    document_json text not null,
    message_id text not null,
    created_at_ms bigint not null,
    linked_at_ms bigint,
    primary key (export_country, declaration_number)
);
create index ix_advance_declarations_consignment on advance_declarations (consignment_id);
