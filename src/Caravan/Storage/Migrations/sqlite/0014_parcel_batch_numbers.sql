-- Parcel batches are numbered from number_sequences on SQLite (one writer, so the counter row never queues anyone);
-- PostgreSQL uses a sequence instead. The counter starts here so both providers carry migration 0014.
insert into number_sequences (name, next_value) values ('parcel-batch', 0) on conflict (name) do nothing;
