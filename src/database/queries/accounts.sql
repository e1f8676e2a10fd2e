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

-- P6z1JbX2NlvPerXJukHz
SELECT a."created_at" AS "created_at", a."updated_at" AS "updated_at", a."deleted_at" AS "deleted_at", a."id" AS "id", a."name" AS "name", a."slug" AS "slug", a."status" AS "status" FROM accounts a WHERE (a.deleted_at IS NULL) AND (a.id = $1) FOR SHARE;

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
