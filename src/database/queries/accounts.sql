-- KoNDzDsQOXNit6Zhn9xk
INSERT INTO accounts ("id", "name", "slug") VALUES ($1, $2, $3) RETURNING "created_at", "updated_at", "deleted_at", "id", "name", "slug", "status";

-- 14gFRIMsZENMozyL0Zt3
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) AND (((a.created_at, a.id) < (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY a.created_at DESC, a.id DESC LIMIT $3;

-- NB5_y6o9Xs_MdPbwTIi1
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) AND (((a.created_at, a.id) > (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY a.created_at ASC, a.id ASC LIMIT $3;

-- MUUWSG2W8qp2Defcf4Op
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) AND (((a.id) < (CAST($1 AS uuid)))) ORDER BY a.id DESC LIMIT $2;

-- pWRbCcnbJknz4GzZRANl
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) AND (((a.id) > (CAST($1 AS uuid)))) ORDER BY a.id ASC LIMIT $2;

-- gOd-WJ56teedOShyEH8E
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) AND (((a.name, a.id) < (CAST($1 AS text), CAST($2 AS uuid)))) ORDER BY a.name DESC, a.id DESC LIMIT $3;

-- Ja7QZIk4oJD72NrMQH8k
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) AND (((a.name, a.id) > (CAST($1 AS text), CAST($2 AS uuid)))) ORDER BY a.name ASC, a.id ASC LIMIT $3;

-- 5kRFIHIhT1XD7NrUvfpx
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) AND (((a.slug, a.id) < (CAST($1 AS text), CAST($2 AS uuid)))) ORDER BY a.slug DESC, a.id DESC LIMIT $3;

-- fhtrMxtXBrM0wWa7Xc2w
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) AND (((a.slug, a.id) > (CAST($1 AS text), CAST($2 AS uuid)))) ORDER BY a.slug ASC, a.id ASC LIMIT $3;

-- DW80fxdMr_yHWJ1Iq0Hi
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) AND (((a.updated_at, a.id) < (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY a.updated_at DESC, a.id DESC LIMIT $3;

-- NEh8smhNFus1WFR-v4-I
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) AND (((a.updated_at, a.id) > (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY a.updated_at ASC, a.id ASC LIMIT $3;

-- 9Ut6b0O5qWBr4QfNguyx
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) AND ((a.created_at <= CAST($1 AS timestamptz) AND ((a.created_at < CAST($1 AS timestamptz)) OR (a.created_at = CAST($1 AS timestamptz) AND a.id > CAST($2 AS uuid))))) ORDER BY a.created_at DESC, a.id ASC LIMIT $3;

-- p5WJOOTZjAhOH6IKHar3
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) AND ((a.id = $1)) ORDER BY a.created_at DESC, a.id ASC LIMIT $2;

-- pBPzi9iFJEGC-V90tVE2
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) AND ((a.slug = $1)) ORDER BY a.created_at DESC, a.id ASC LIMIT $2;

-- GyL6j4cVdzqxGXAVdZ60
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) AND (a.id = $1);

-- _Quo65amPtnqnLwKS9Lm
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) AND (a.id = $1) FOR UPDATE;

-- C4Ex-yfgKnQqX-AnlLDu
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) ORDER BY a.created_at ASC, a.id ASC LIMIT $1;

-- O5qGZU3wa_El5WL2Q8Rr
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) ORDER BY a.created_at DESC, a.id ASC LIMIT $1;

-- fI4fcLsropPZwrPNsWIN
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) ORDER BY a.created_at DESC, a.id DESC LIMIT $1;

-- JkCRRyLiJxHStoRdq0pU
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) ORDER BY a.id ASC LIMIT $1;

-- KiR97NZQLmp1bCjqeImQ
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) ORDER BY a.id DESC LIMIT $1;

-- I_eex4tedrVji9KN_0jr
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) ORDER BY a.name ASC, a.id ASC LIMIT $1;

-- uytVRqx2-V3rLGNqjhmU
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) ORDER BY a.name DESC, a.id DESC LIMIT $1;

-- mSLSQbnXp4-hVoEVmklx
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) ORDER BY a.slug ASC, a.id ASC LIMIT $1;

-- BWqRetOpfju-lxJmeDnP
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) ORDER BY a.slug DESC, a.id DESC LIMIT $1;

-- xqY___EhTRnWuMK2LXPr
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) ORDER BY a.updated_at ASC, a.id ASC LIMIT $1;

-- eBJV4iJfrDHxKfg8wlGG
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) ORDER BY a.updated_at DESC, a.id DESC LIMIT $1;

-- vSMYnb64dMLKki_mc-eA
SELECT slug FROM accounts WHERE deleted_at IS NULL AND (slug = $1 OR starts_with(slug, $1 || '-'));

-- BviRuiC1YAIQE7FiArzK
UPDATE accounts SET "name" = $2, updated_at = now() WHERE id = $1 RETURNING updated_at, deleted_at;

-- H44iQ6a7MGD_EN1TjMkD
UPDATE accounts SET deleted_at = now(), updated_at = now() WHERE id = $1 RETURNING updated_at, deleted_at;

-- UluOgECC5koay7ky5Jc4
WITH requires AS (SELECT 1 FROM accounts WHERE id = CAST($1 AS uuid) AND deleted_at IS NULL FOR SHARE), inserted AS (INSERT INTO users ("id", "account_id", "email", "display_name", "super_admin", "status", "role") SELECT CAST($2 AS uuid), CAST($3 AS uuid), CAST($4 AS character varying), CAST($5 AS character varying), CAST($6 AS boolean), CAST($7 AS character varying), CAST($8 AS character varying) FROM requires RETURNING "created_at", "updated_at", "deleted_at", "id", "account_id", "email", "display_name", "super_admin", "status", "role", "suspended_by_superadmin"), follow_up_1 AS (INSERT INTO events (tx, id, type, type_group, account_id, resource_id, actor_api_key_id, actor_user_id, actor_minted_by_user_id, changes, data) SELECT pg_current_xact_id()::text::bigint, CAST($9 AS uuid), CAST($10 AS varchar), CAST($11 AS varchar), CAST($12 AS uuid), CAST($13 AS varchar), CAST($14 AS uuid), CAST($15 AS uuid), CAST($16 AS uuid), CAST($17 AS jsonb), CAST($18 AS jsonb) || jsonb_build_object('created_at', to_char(inserted."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'updated_at', to_char(inserted."updated_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) FROM inserted) SELECT "created_at", "updated_at", "deleted_at", "id", "account_id", "email", "display_name", "super_admin", "status", "role", "suspended_by_superadmin" FROM inserted;

-- eEchmT24PGkb780fssKq
WITH requires AS (SELECT 1 FROM accounts a JOIN users u ON u.account_id = a.id WHERE a.id = CAST($1 AS uuid) AND a.deleted_at IS NULL AND u.id = CAST($2 AS uuid) AND u.deleted_at IS NULL AND (CAST($3 AS boolean) OR (NOT u.super_admin AND u.status = 'active' AND (CAST($4 AS uuid) IS NULL OR u.id = CAST($4 AS uuid)))) FOR SHARE OF a, u), inserted AS (INSERT INTO api_keys ("id", "account_id", "user_id", "name", "key_hash", "prefix", "status", "max_role", "scopes", "created_by_key_id", "created_by_user_id", "last_used_at", "expires_at") SELECT CAST($5 AS uuid), CAST($6 AS uuid), CAST($7 AS uuid), CAST($8 AS character varying), CAST($9 AS bpchar), CAST($10 AS character varying), CAST($11 AS character varying), CAST($12 AS character varying), CAST($13 AS text[]), CAST($14 AS uuid), CAST($15 AS uuid), CAST($16 AS timestamp with time zone), CAST($17 AS timestamp with time zone) FROM requires RETURNING "created_at", "updated_at", "deleted_at", "id", "account_id", "user_id", "name", "prefix", "status", "max_role", "scopes", "created_by_key_id", "created_by_user_id", "last_used_at", "expires_at"), follow_up_1 AS (INSERT INTO events (tx, id, type, type_group, account_id, resource_id, actor_api_key_id, actor_user_id, actor_minted_by_user_id, changes, data) SELECT pg_current_xact_id()::text::bigint, CAST($18 AS uuid), CAST($19 AS varchar), CAST($20 AS varchar), CAST($21 AS uuid), CAST($22 AS varchar), CAST($23 AS uuid), CAST($24 AS uuid), CAST($25 AS uuid), CAST($26 AS jsonb), CAST($27 AS jsonb) || jsonb_build_object('created_at', to_char(inserted."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'updated_at', to_char(inserted."updated_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) FROM inserted) SELECT "created_at", "updated_at", "deleted_at", "id", "account_id", "user_id", "name", "prefix", "status", "max_role", "scopes", "created_by_key_id", "created_by_user_id", "last_used_at", "expires_at" FROM inserted;

-- 5-WQoWYjbn-Oh2BKHSOl
WITH requires AS (SELECT 1), inserted AS (INSERT INTO accounts ("id", "name", "slug", "status") SELECT CAST($1 AS uuid), CAST($2 AS character varying), CAST($3 AS character varying), CAST($4 AS character varying) FROM requires RETURNING "created_at", "updated_at", "deleted_at", "id", "name", "slug", "status"), follow_up_1 AS (INSERT INTO events (tx, id, type, type_group, account_id, resource_id, actor_api_key_id, actor_user_id, actor_minted_by_user_id, changes, data) SELECT pg_current_xact_id()::text::bigint, CAST($5 AS uuid), CAST($6 AS varchar), CAST($7 AS varchar), CAST($8 AS uuid), CAST($9 AS varchar), CAST($10 AS uuid), CAST($11 AS uuid), CAST($12 AS uuid), CAST($13 AS jsonb), CAST($14 AS jsonb) || jsonb_build_object('created_at', to_char(inserted."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'updated_at', to_char(inserted."updated_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) FROM inserted) SELECT "created_at", "updated_at", "deleted_at", "id", "name", "slug", "status" FROM inserted;
