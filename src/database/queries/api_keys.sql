-- swE_dLudHIzmh3us8ic9
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (((k.created_at, k.id) < (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY k.created_at DESC, k.id DESC LIMIT $3;

-- MHGBtbU6FrJXe_UKxJqp
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (((k.created_at, k.id) > (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY k.created_at ASC, k.id ASC LIMIT $3;

-- unQkARL6iC_uvdWvxlZg
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (((k.id) < (CAST($1 AS uuid)))) ORDER BY k.id DESC LIMIT $2;

-- bV_WE0MIVIhhBumlMjhL
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (((k.id) > (CAST($1 AS uuid)))) ORDER BY k.id ASC LIMIT $2;

-- arVAK06VYBkO8XV78hgR
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (((k.name, k.id) < (CAST($1 AS text), CAST($2 AS uuid)))) ORDER BY k.name DESC, k.id DESC LIMIT $3;

-- b1wRmOvGj9E7UdqsxGho
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (((k.name, k.id) > (CAST($1 AS text), CAST($2 AS uuid)))) ORDER BY k.name ASC, k.id ASC LIMIT $3;

-- X7cHOLo91kOseCeAgB0k
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (((k.updated_at, k.id) < (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY k.updated_at DESC, k.id DESC LIMIT $3;

-- T6RSOTHg8TTQRWSCPTog
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (((k.updated_at, k.id) > (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY k.updated_at ASC, k.id ASC LIMIT $3;

-- eCopFC4ds52uGFWn71Y1
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND ((k.account_id = $1)) AND ((k.created_at <= CAST($2 AS timestamptz) AND ((k.created_at < CAST($2 AS timestamptz)) OR (k.created_at = CAST($2 AS timestamptz) AND k.id > CAST($3 AS uuid))))) ORDER BY k.created_at DESC, k.id ASC LIMIT $4;

-- 2dMyR4PrXvuRxX5HTv7B
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND ((k.account_id = $1)) ORDER BY k.created_at DESC, k.id ASC LIMIT $2;

-- -qi-117FetUZRV51iiMZ
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND ((k.created_at <= CAST($1 AS timestamptz) AND ((k.created_at < CAST($1 AS timestamptz)) OR (k.created_at = CAST($1 AS timestamptz) AND k.id > CAST($2 AS uuid))))) ORDER BY k.created_at DESC, k.id ASC LIMIT $3;

-- C2fiuLR4Nx1Nx3EhfIXV
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND ((k.status = $1)) AND ((k.created_at <= CAST($2 AS timestamptz) AND ((k.created_at < CAST($2 AS timestamptz)) OR (k.created_at = CAST($2 AS timestamptz) AND k.id > CAST($3 AS uuid))))) ORDER BY k.created_at DESC, k.id ASC LIMIT $4;

-- ZnVqDYIAVjl5JiCByXz8
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND ((k.status = $1)) ORDER BY k.created_at DESC, k.id ASC LIMIT $2;

-- WhIcf8oKjjJMUS9WiZzC
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (k.created_by_user_id = $1 AND k.user_id <> $1 AND k.status = 'active') ORDER BY k.id ASC FOR UPDATE;

-- VZjqyQB9nPWay95IJ493
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (k.id = $1);

-- 4rKfd0R0fUBA4Igr2vFH
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (k.id = $1) FOR UPDATE;

-- _y85sF6fcBRyECYLcdEf
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) ORDER BY k.created_at ASC, k.id ASC LIMIT $1;

-- YajHujapmEFHUswzqeV0
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) ORDER BY k.created_at DESC, k.id ASC LIMIT $1;

-- aYKEkuOBCsJG9ufvVffZ
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) ORDER BY k.created_at DESC, k.id DESC LIMIT $1;

-- qVbeo1FU-LwgIPiV-xeK
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) ORDER BY k.id ASC LIMIT $1;

-- vndqwnZ3HtAN4gBSVLNr
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) ORDER BY k.id DESC LIMIT $1;

-- K4o-dDDJi9AJkGGzfct6
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) ORDER BY k.name ASC, k.id ASC LIMIT $1;

-- hKYJ5ueb4TQg4tzG4FAG
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) ORDER BY k.name DESC, k.id DESC LIMIT $1;

-- 4BkIh-NzbjTkIZZhvETv
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) ORDER BY k.updated_at ASC, k.id ASC LIMIT $1;

-- xsPaACynvy7yAWslKdO4
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."scopes" AS "scopes", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) ORDER BY k.updated_at DESC, k.id DESC LIMIT $1;

-- n-eoLsMM12BVkSssHSDy
SELECT k.id, k.user_id, k.account_id, u.super_admin, k.max_role, u.status AS user_status, a.status AS account_status,
              k.last_used_at, k.expires_at, k.scopes, u.role, k.created_by_user_id
         FROM api_keys k
         JOIN users u ON u.id = k.user_id AND u.deleted_at IS NULL
         JOIN accounts a ON a.id = k.account_id AND a.deleted_at IS NULL
        WHERE k.key_hash = $1
          AND k.deleted_at IS NULL
          AND k.status = 'active'
          AND (k.expires_at IS NULL OR k.expires_at > now());

-- KSRpr3rnZ7MWv4q743a9
SELECT r."created_at" AS "created_at", r."updated_at" AS "updated_at", r."deleted_at" AS "deleted_at", r."id" AS "id", r."account_id" AS "account_id", r."user_id" AS "user_id", r."name" AS "name", r."prefix" AS "prefix", r."status" AS "status", r."max_role" AS "max_role", r."scopes" AS "scopes", r."created_by_key_id" AS "created_by_key_id", r."created_by_user_id" AS "created_by_user_id", r."last_used_at" AS "last_used_at", r."expires_at" AS "expires_at" FROM api_keys r WHERE (r.account_id = $1 AND r.deleted_at IS NULL) ORDER BY r.id ASC FOR UPDATE;

-- V4uU6hTaTdq-UvfsvPwB
SELECT r."created_at" AS "created_at", r."updated_at" AS "updated_at", r."deleted_at" AS "deleted_at", r."id" AS "id", r."account_id" AS "account_id", r."user_id" AS "user_id", r."name" AS "name", r."prefix" AS "prefix", r."status" AS "status", r."max_role" AS "max_role", r."scopes" AS "scopes", r."created_by_key_id" AS "created_by_key_id", r."created_by_user_id" AS "created_by_user_id", r."last_used_at" AS "last_used_at", r."expires_at" AS "expires_at" FROM api_keys r WHERE (r.user_id = $1 AND r.deleted_at IS NULL) ORDER BY r.id ASC FOR UPDATE;

-- Z9nI0-ZgBmCktVO886xq
UPDATE api_keys SET "status" = $2, updated_at = now() WHERE id = $1 RETURNING updated_at, deleted_at;

-- WZxXT_zM75ErOiXlaMjC
UPDATE api_keys SET deleted_at = now(), updated_at = now() WHERE id = $1 RETURNING updated_at, deleted_at;

-- _-eP7E5UKXsU_IEAOOq2
UPDATE api_keys SET last_used_at = now()
        WHERE id = $1
          AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2));
