-- Portal accounts: people who sign in to the browser portals. Each account acts for one party (organisation + role).
-- Passwords are stored only as PBKDF2-SHA256 hashes with a per-account salt ("pbkdf2-sha256$iterations$salt$hash").
-- Times are Unix milliseconds (bigint) on both providers.
create table accounts (
    id text primary key,
    username text not null unique,
    display_name text not null,
    party_id text not null references parties (id),
    password_hash text not null,
    failed_attempts integer not null default 0,
    locked_until_ms bigint,
    disabled_at_ms bigint,
    security_stamp text not null,
    created_at_ms bigint not null,
    last_sign_in_ms bigint
);
create index ix_accounts_party on accounts (party_id);
