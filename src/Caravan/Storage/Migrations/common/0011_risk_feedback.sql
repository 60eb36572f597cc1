-- Inspection results fed back to the risk rules: for each rule that held on an inspected item, whether the inspection
-- found something (a true positive) or not, so analysts can see each rule's precision.
create table risk_feedback (
    consignment_id text not null,
    item_number integer not null,
    rule_id text not null,
    rules_version integer not null,
    found integer not null,
    recorded_by text not null,
    recorded_at_ms bigint not null,
    primary key (consignment_id, item_number, rule_id)
);
