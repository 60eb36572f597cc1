-- Documents and stored answers are compressed with LZ4 instead of PostgreSQL's default pglz when they are large enough
-- to be TOASTed (about 2 KB): several times faster to compress, which is most of the cost of inserting a declaration, a
-- stored idempotent answer or a signed receipt. Applies to values written from now on. Needs PostgreSQL 14 or later
-- built with LZ4 (Debian's and the official images are).
alter table idempotency_keys alter column response_body set compression lz4;
alter table consignments alter column declaration_json set compression lz4;
alter table consignments alter column facts_json set compression lz4;
alter table co_applications alter column document_json set compression lz4;
alter table certificates alter column document_json set compression lz4;
alter table certificates alter column signed_xml set compression lz4;
alter table certificates alter column envelope_json set compression lz4;
alter table advance_declarations alter column document_json set compression lz4;
alter table duty_assessments alter column assessment_json set compression lz4;
alter table parcel_declarations alter column lines_json set compression lz4;
alter table payment_settlements alter column body set compression lz4;
alter table webhook_deliveries alter column event_json set compression lz4;
alter table outbox_messages alter column receipt set compression lz4;
alter table inbox_messages alter column receipt set compression lz4;
-- AS4 payloads were stored uncompressed and out of line (migration 0001), to save compressing what is often compressed
-- already. But the inbox holds payloads after decompression, and a certificate-sized XML document then cost two TOAST
-- chunks and their index entries per message; LZ4 keeps it inline at a fraction of that cost, and stores a value
-- that does not compress as it is.
alter table outbox_messages alter column payload set storage extended;
alter table outbox_messages alter column payload set compression lz4;
alter table inbox_messages alter column payload set storage extended;
alter table inbox_messages alter column payload set compression lz4;
-- The delivery worker claims pending messages in (next_attempt_at, id) order: an index in that order lets each claim
-- read only the rows it takes.
drop index ix_outbox_messages_due;
create index ix_outbox_messages_due on outbox_messages (next_attempt_at, id) where status = 'pending';
