-- 2xRvJyt1zGCLZDdmlfEj
INSERT INTO events (tx, id, type, type_group, account_id, resource_id, actor_api_key_id, actor_user_id, changes, data, actor_minted_by_user_id)
       VALUES (pg_current_xact_id()::text::bigint, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10);

-- gt7V-RheFibfr9osJEwJ
SELECT e."seq" AS "seq", e."tx" AS "tx", e."id" AS "id", e."type" AS "type", e."type_group" AS "type_group", e."account_id" AS "account_id", e."resource_id" AS "resource_id", e."actor_api_key_id" AS "actor_api_key_id", e."actor_user_id" AS "actor_user_id", e."actor_minted_by_user_id" AS "actor_minted_by_user_id", e."changes" AS "changes", e."data" AS "data", e."created_at" AS "created_at" FROM events e WHERE (e.id = $1);

-- Qyc0buZeUdKH17PMDV5E
SELECT e."seq" AS "seq", e."tx" AS "tx", e."id" AS "id", e."type" AS "type", e."type_group" AS "type_group", e."account_id" AS "account_id", e."resource_id" AS "resource_id", e."actor_api_key_id" AS "actor_api_key_id", e."actor_user_id" AS "actor_user_id", e."actor_minted_by_user_id" AS "actor_minted_by_user_id", e."changes" AS "changes", e."data" AS "data", e."created_at" AS "created_at" FROM events e WHERE (e.tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint) AND (((e.tx, e.seq) > (CAST($1 AS bigint), CAST($2 AS bigint)))) ORDER BY e.tx ASC, e.seq ASC LIMIT $3;

-- yfGWlIr04b1HszQvGeKl
SELECT e."seq" AS "seq", e."tx" AS "tx", e."id" AS "id", e."type" AS "type", e."type_group" AS "type_group", e."account_id" AS "account_id", e."resource_id" AS "resource_id", e."actor_api_key_id" AS "actor_api_key_id", e."actor_user_id" AS "actor_user_id", e."actor_minted_by_user_id" AS "actor_minted_by_user_id", e."changes" AS "changes", e."data" AS "data", e."created_at" AS "created_at" FROM events e WHERE (e.tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint) AND ((e.account_id = $1)) AND (((e.tx, e.seq) > (CAST($2 AS bigint), CAST($3 AS bigint)))) ORDER BY e.tx ASC, e.seq ASC LIMIT $4;

-- 5heCpxvDjWVLdA2IPisP
SELECT e."seq" AS "seq", e."tx" AS "tx", e."id" AS "id", e."type" AS "type", e."type_group" AS "type_group", e."account_id" AS "account_id", e."resource_id" AS "resource_id", e."actor_api_key_id" AS "actor_api_key_id", e."actor_user_id" AS "actor_user_id", e."actor_minted_by_user_id" AS "actor_minted_by_user_id", e."changes" AS "changes", e."data" AS "data", e."created_at" AS "created_at" FROM events e WHERE (e.tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint) AND ((e.account_id = $1)) ORDER BY e.tx ASC, e.seq ASC LIMIT $2;

-- W2j6dgUw1C7SJFrqzzw8
SELECT e."seq" AS "seq", e."tx" AS "tx", e."id" AS "id", e."type" AS "type", e."type_group" AS "type_group", e."account_id" AS "account_id", e."resource_id" AS "resource_id", e."actor_api_key_id" AS "actor_api_key_id", e."actor_user_id" AS "actor_user_id", e."actor_minted_by_user_id" AS "actor_minted_by_user_id", e."changes" AS "changes", e."data" AS "data", e."created_at" AS "created_at" FROM events e WHERE (e.tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint) AND ((e.resource_id = $1)) AND (((e.tx, e.seq) > (CAST($2 AS bigint), CAST($3 AS bigint)))) ORDER BY e.tx ASC, e.seq ASC LIMIT $4;

-- -yMRjGuwPhrfwKa2QdlD
SELECT e."seq" AS "seq", e."tx" AS "tx", e."id" AS "id", e."type" AS "type", e."type_group" AS "type_group", e."account_id" AS "account_id", e."resource_id" AS "resource_id", e."actor_api_key_id" AS "actor_api_key_id", e."actor_user_id" AS "actor_user_id", e."actor_minted_by_user_id" AS "actor_minted_by_user_id", e."changes" AS "changes", e."data" AS "data", e."created_at" AS "created_at" FROM events e WHERE (e.tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint) AND ((e.resource_id = $1)) ORDER BY e.tx ASC, e.seq ASC LIMIT $2;

-- _IUAI4OIkX_QdSoUFpde
SELECT e."seq" AS "seq", e."tx" AS "tx", e."id" AS "id", e."type" AS "type", e."type_group" AS "type_group", e."account_id" AS "account_id", e."resource_id" AS "resource_id", e."actor_api_key_id" AS "actor_api_key_id", e."actor_user_id" AS "actor_user_id", e."actor_minted_by_user_id" AS "actor_minted_by_user_id", e."changes" AS "changes", e."data" AS "data", e."created_at" AS "created_at" FROM events e WHERE (e.tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint) AND ((e.type = $1)) AND (((e.tx, e.seq) > (CAST($2 AS bigint), CAST($3 AS bigint)))) ORDER BY e.tx ASC, e.seq ASC LIMIT $4;

-- rZtMg7Tqth4MGi663KmG
SELECT e."seq" AS "seq", e."tx" AS "tx", e."id" AS "id", e."type" AS "type", e."type_group" AS "type_group", e."account_id" AS "account_id", e."resource_id" AS "resource_id", e."actor_api_key_id" AS "actor_api_key_id", e."actor_user_id" AS "actor_user_id", e."actor_minted_by_user_id" AS "actor_minted_by_user_id", e."changes" AS "changes", e."data" AS "data", e."created_at" AS "created_at" FROM events e WHERE (e.tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint) AND ((e.type = $1)) ORDER BY e.tx ASC, e.seq ASC LIMIT $2;

-- 8CAjyhKacLLMZe3I5frK
SELECT e."seq" AS "seq", e."tx" AS "tx", e."id" AS "id", e."type" AS "type", e."type_group" AS "type_group", e."account_id" AS "account_id", e."resource_id" AS "resource_id", e."actor_api_key_id" AS "actor_api_key_id", e."actor_user_id" AS "actor_user_id", e."actor_minted_by_user_id" AS "actor_minted_by_user_id", e."changes" AS "changes", e."data" AS "data", e."created_at" AS "created_at" FROM events e WHERE (e.tx < pg_snapshot_xmin(pg_current_snapshot())::text::bigint) ORDER BY e.tx ASC, e.seq ASC LIMIT $1;

-- pGA3ruVkQu1qE7x5dG_r
SELECT max(tx)::text AS max FROM events WHERE created_at < $1;

-- 35AUXgsmVxGDe5z4U7i7
SELECT tx::text AS tx, seq::text AS seq FROM events WHERE tx = $1 ORDER BY seq DESC LIMIT 1;

-- kNqpqIFuKcKz2e9jog3o
WITH gone AS (DELETE FROM events WHERE (tx, seq) <= ($1::bigint, $2::bigint) RETURNING 1)
         SELECT count(*)::int AS deleted FROM gone;
