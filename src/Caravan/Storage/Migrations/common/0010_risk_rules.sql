-- Risk rule sets: every version written by analysts is kept; one is active at a time (drafts are replayed first).
create table risk_rule_sets (
    version integer primary key,
    rules_json text not null,
    thresholds_json text not null,
    status text not null,
    note text,
    created_by text not null,
    created_at_ms bigint not null,
    activated_at_ms bigint
);
