-- Certificates of every type: the party that issued them here (an issuing authority, or the plant-protection agency
-- for an ePhyto), the consignment they were issued for, and, for an ePhyto, the IPPC hub envelope header kept for a
-- later hub bridge.
alter table certificates add column issued_by_party_id text;
alter table certificates add column consignment_id text;
alter table certificates add column envelope_json text;
