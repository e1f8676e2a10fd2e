-- NZhRfIJvFICiQYAM5z94
BEGIN;

-- F-TXc4gVleg-7XJ0mQV2
COMMIT;

-- 3pQ8GI4Kv0A-9H_G5tZd
SELECT pg_advisory_xact_lock($1);

-- HVDZGvJ0Le-SprIcezAj
SELECT pg_advisory_xact_lock(hashtext('account-slug:' || $1));

-- oqLYqbDCP_uASU8GJLbn
SELECT pg_is_in_recovery() AS recovery;

-- e7rc9cK77uSZpXrpO4pp
SELECT pg_notify($1, $2);

-- Cotlfs8ChTfCTuge_jaw
SELECT pg_try_advisory_xact_lock($1) AS locked;
