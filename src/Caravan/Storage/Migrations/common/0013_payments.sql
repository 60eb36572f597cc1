-- Payments: orders for duties and fees, and the settlements payment providers report in signed callbacks. Amounts are
-- invariant decimal text (two decimals) so both providers keep them exact; instants are Unix milliseconds.
create table payment_orders (
    id text primary key,
    payer_party_id text not null,
    purpose text not null,
    reference text not null,
    amount text not null,
    currency text not null,
    paid text not null,
    status text not null,
    created_at_ms bigint not null,
    paid_at_ms bigint,
    provider text,
    provider_reference text
);

create index payment_orders_payer on payment_orders (payer_party_id);

create index payment_orders_created on payment_orders (created_at_ms);

-- At most one open order per purpose and reference; once paid, a new order for the same reference may be made.
create unique index payment_orders_open_reference on payment_orders (purpose, reference) where status = 'open';

-- Every verified callback, once per provider transaction, with the body and signature exactly as received. order_id
-- is the order it was applied to, null when it could not be (unknown order, other currency): those are unmatched.
create table payment_settlements (
    provider text not null,
    provider_transaction_id text not null,
    claimed_order_id text not null,
    order_id text,
    amount text not null,
    currency text not null,
    paid_at_ms bigint not null,
    received_at_ms bigint not null,
    outcome text not null,
    body text not null,
    signature text not null,
    primary key (provider, provider_transaction_id)
);

create index payment_settlements_order on payment_settlements (order_id);

create index payment_settlements_received on payment_settlements (received_at_ms);
