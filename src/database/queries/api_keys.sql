-- 0k30B60mSBP97oSxE2AX
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (((k.created_at, k.id) < (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY k.created_at DESC, k.id DESC LIMIT $3;

-- 7OtRDB27NLJnKAotfvqv
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (((k.created_at, k.id) > (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY k.created_at ASC, k.id ASC LIMIT $3;

-- 5DaKkYpTcnDw_tjtNQQS
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (((k.id) < (CAST($1 AS uuid)))) ORDER BY k.id DESC LIMIT $2;

-- 4l9CSjL-o2WoLNO_Y2eX
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (((k.id) > (CAST($1 AS uuid)))) ORDER BY k.id ASC LIMIT $2;

-- QuiIbydaWma6gUXNGMQc
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (((k.name, k.id) < (CAST($1 AS text), CAST($2 AS uuid)))) ORDER BY k.name DESC, k.id DESC LIMIT $3;

-- -E8RJ9YJ02qPi2VgV7ww
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (((k.name, k.id) > (CAST($1 AS text), CAST($2 AS uuid)))) ORDER BY k.name ASC, k.id ASC LIMIT $3;

-- yMITLgXAmlEYMM6JIJEb
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (((k.updated_at, k.id) < (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY k.updated_at DESC, k.id DESC LIMIT $3;

-- RRGGDFCqI8tAiKbwgBaB
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (((k.updated_at, k.id) > (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY k.updated_at ASC, k.id ASC LIMIT $3;

-- usymI1p5kayx9AUy8Et6
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND ((k.account_id = $1)) AND ((k.created_at <= CAST($2 AS timestamptz) AND ((k.created_at < CAST($2 AS timestamptz)) OR (k.created_at = CAST($2 AS timestamptz) AND k.id > CAST($3 AS uuid))))) ORDER BY k.created_at DESC, k.id ASC LIMIT $4;

-- 29rx-nk31ulQ6XTbf8uu
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND ((k.account_id = $1)) ORDER BY k.created_at DESC, k.id ASC LIMIT $2;

-- WHAhpa_xcH2sKWSjaYKA
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND ((k.created_at <= CAST($1 AS timestamptz) AND ((k.created_at < CAST($1 AS timestamptz)) OR (k.created_at = CAST($1 AS timestamptz) AND k.id > CAST($2 AS uuid))))) ORDER BY k.created_at DESC, k.id ASC LIMIT $3;

-- 3a3JSxApPDa-HgGJdFjI
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND ((k.status = $1)) AND ((k.created_at <= CAST($2 AS timestamptz) AND ((k.created_at < CAST($2 AS timestamptz)) OR (k.created_at = CAST($2 AS timestamptz) AND k.id > CAST($3 AS uuid))))) ORDER BY k.created_at DESC, k.id ASC LIMIT $4;

-- _r5m20JepzVZRFImqhgq
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND ((k.status = $1)) ORDER BY k.created_at DESC, k.id ASC LIMIT $2;

-- RhyGUylnmrRYePkwQq8E
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (k.id = $1);

-- IqWkUa3OBE8efPRSKY7J
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) AND (k.id = $1) FOR UPDATE;

-- Gc-KX6fLs021fYTTm6sw
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) ORDER BY k.created_at ASC, k.id ASC LIMIT $1;

-- S3BdTV4eVuWd53Bkuw2z
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) ORDER BY k.created_at DESC, k.id ASC LIMIT $1;

-- mfHwjK46uJ3aktXBEYAy
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) ORDER BY k.created_at DESC, k.id DESC LIMIT $1;

-- 9UJCJkHOcJX5fFaZQaGK
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) ORDER BY k.id ASC LIMIT $1;

-- AV3MXoLUFRQUesvIteZ1
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) ORDER BY k.id DESC LIMIT $1;

-- Ba3JMYfcG54u8dWL9tuX
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) ORDER BY k.name ASC, k.id ASC LIMIT $1;

-- 2D2UUBkfI3n1G0cyxrUy
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) ORDER BY k.name DESC, k.id DESC LIMIT $1;

-- cixd0CYLCpknvD1useTM
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) ORDER BY k.updated_at ASC, k.id ASC LIMIT $1;

-- b42hDwjuzY1Lm0Sv-zY0
SELECT k."created_at" AS "created_at", k."updated_at" AS "updated_at", k."deleted_at" AS "deleted_at", k."id" AS "id", k."account_id" AS "account_id", k."user_id" AS "user_id", k."name" AS "name", k."prefix" AS "prefix", k."status" AS "status", k."max_role" AS "max_role", k."created_by_key_id" AS "created_by_key_id", k."created_by_user_id" AS "created_by_user_id", k."last_used_at" AS "last_used_at", k."expires_at" AS "expires_at" FROM api_keys k WHERE (k.deleted_at IS NULL) ORDER BY k.updated_at DESC, k.id DESC LIMIT $1;

-- vyErT_w92g-zcQGECfy8
SELECT k.id, k.user_id, k.account_id, u.super_admin, k.max_role, u.status AS user_status, a.status AS account_status,
              k.last_used_at, k.expires_at
         FROM api_keys k
         JOIN users u ON u.id = k.user_id AND u.deleted_at IS NULL
         JOIN accounts a ON a.id = k.account_id AND a.deleted_at IS NULL
        WHERE k.key_hash = $1
          AND k.deleted_at IS NULL
          AND k.status = 'active'
          AND (k.expires_at IS NULL OR k.expires_at > now());

-- bONti40enb_-KS4ZkQek
SELECT r."created_at" AS "created_at", r."updated_at" AS "updated_at", r."deleted_at" AS "deleted_at", r."id" AS "id", r."account_id" AS "account_id", r."user_id" AS "user_id", r."name" AS "name", r."prefix" AS "prefix", r."status" AS "status", r."max_role" AS "max_role", r."created_by_key_id" AS "created_by_key_id", r."created_by_user_id" AS "created_by_user_id", r."last_used_at" AS "last_used_at", r."expires_at" AS "expires_at" FROM api_keys r WHERE (r.account_id = $1 AND r.deleted_at IS NULL) ORDER BY r.id ASC FOR UPDATE;

-- Kvk3dUpKKHujOE72jFLt
SELECT r."created_at" AS "created_at", r."updated_at" AS "updated_at", r."deleted_at" AS "deleted_at", r."id" AS "id", r."account_id" AS "account_id", r."user_id" AS "user_id", r."name" AS "name", r."prefix" AS "prefix", r."status" AS "status", r."max_role" AS "max_role", r."created_by_key_id" AS "created_by_key_id", r."created_by_user_id" AS "created_by_user_id", r."last_used_at" AS "last_used_at", r."expires_at" AS "expires_at" FROM api_keys r WHERE (r.user_id = $1 AND r.deleted_at IS NULL) ORDER BY r.id ASC FOR UPDATE;

-- Z9nI0-ZgBmCktVO886xq
UPDATE api_keys SET "status" = $2, updated_at = now() WHERE id = $1 RETURNING updated_at, deleted_at;

-- WZxXT_zM75ErOiXlaMjC
UPDATE api_keys SET deleted_at = now(), updated_at = now() WHERE id = $1 RETURNING updated_at, deleted_at;

-- _-eP7E5UKXsU_IEAOOq2
UPDATE api_keys SET last_used_at = now()
        WHERE id = $1
          AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2));
