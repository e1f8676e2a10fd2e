-- NZhRfIJvFICiQYAM5z94
BEGIN;

-- F-TXc4gVleg-7XJ0mQV2
COMMIT;

-- QjZKAXtz71FqDsqYJ-b6
SELECT 1;

-- 3pQ8GI4Kv0A-9H_G5tZd
SELECT pg_advisory_xact_lock($1);

-- HVDZGvJ0Le-SprIcezAj
SELECT pg_advisory_xact_lock(hashtext('account-slug:' || $1));

-- e7rc9cK77uSZpXrpO4pp
SELECT pg_notify($1, $2);

-- Cotlfs8ChTfCTuge_jaw
SELECT pg_try_advisory_xact_lock($1) AS locked;
