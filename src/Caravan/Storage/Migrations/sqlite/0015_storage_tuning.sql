-- PostgreSQL's migration 0015 chooses LZ4 compression for large document columns and reorders the outbox claim index;
-- SQLite stores values uncompressed and its claim query is unchanged,
-- so there is nothing to change here. The step exists so that both providers carry migration 0015.
select 1;
