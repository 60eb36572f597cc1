-- Parcel batches are numbered from a sequence on PostgreSQL: nextval does not lock, so concurrent batches do not queue
-- behind one counter row until commit. (SQLite has a single writer and keeps using number_sequences.)
create sequence parcel_batch_numbers;
