-- dv9mqGc9YtuyqbZYwDr6
SELECT 1
       FROM users u
       JOIN accounts a ON a.id = u.account_id AND a.deleted_at IS NULL AND a.status = 'active'
      WHERE u.super_admin AND u.deleted_at IS NULL AND u.status = 'active'
        AND u.id IS DISTINCT FROM $1::uuid AND a.id IS DISTINCT FROM $2::uuid
      LIMIT 1;

-- Ll-GXGdTk_5QW_JAQFRt
SELECT r."created_at" AS "created_at", r."updated_at" AS "updated_at", r."deleted_at" AS "deleted_at", r."id" AS "id", r."account_id" AS "account_id", r."email" AS "email", r."display_name" AS "display_name", r."super_admin" AS "super_admin", r."status" AS "status" FROM users r WHERE (r.account_id = $1 AND r.deleted_at IS NULL) ORDER BY r.id ASC FOR UPDATE;

-- 3-2lly5BiWbQ0mVrOXfw
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.created_at, u.id) < (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY u.created_at DESC, u.id DESC LIMIT $3;

-- erV3YXz_ajh3KLRg895x
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.created_at, u.id) > (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY u.created_at ASC, u.id ASC LIMIT $3;

-- agGoqYHafv9bZcJtwCPD
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.display_name, u.id) < (CAST($1 AS text), CAST($2 AS uuid)))) ORDER BY u.display_name DESC, u.id DESC LIMIT $3;

-- YM67mvnjB62C6dVeMvLC
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.display_name, u.id) > (CAST($1 AS text), CAST($2 AS uuid)))) ORDER BY u.display_name ASC, u.id ASC LIMIT $3;

-- kpXnYrTTpIdXGKrV3MJD
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.email, u.id) < (CAST($1 AS text), CAST($2 AS uuid)))) ORDER BY u.email DESC, u.id DESC LIMIT $3;

-- xCg1Bk-p4Fnhc9ma1ZQa
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.email, u.id) > (CAST($1 AS text), CAST($2 AS uuid)))) ORDER BY u.email ASC, u.id ASC LIMIT $3;

-- RgGGfLyV3g48orUUCrSW
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.id) < (CAST($1 AS uuid)))) ORDER BY u.id DESC LIMIT $2;

-- CKNrywWZQxFXHrCb8nJ4
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.id) > (CAST($1 AS uuid)))) ORDER BY u.id ASC LIMIT $2;

-- r4RlqkcsIRIvvfrrCQmf
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.updated_at, u.id) < (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY u.updated_at DESC, u.id DESC LIMIT $3;

-- AsY7CluEQx0bj6l4CWl5
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.updated_at, u.id) > (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY u.updated_at ASC, u.id ASC LIMIT $3;

-- JrNsSjFDxFXGk51RV4IP
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND ((lower(u.email) = CAST($1 AS text))) ORDER BY u.created_at DESC, u.id ASC LIMIT $2;

-- yZPPkYOaGVaX4zZQc7tN
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND ((u.account_id = $1)) ORDER BY u.created_at DESC, u.id ASC LIMIT $2;

-- QbXDTg2SqQ6GwykRnZTz
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND ((u.created_at <= CAST($1 AS timestamptz) AND ((u.created_at < CAST($1 AS timestamptz)) OR (u.created_at = CAST($1 AS timestamptz) AND u.id > CAST($2 AS uuid))))) ORDER BY u.created_at DESC, u.id ASC LIMIT $3;

-- mBDXZbFXM1JQ7gzJvyTk
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND (u.id = $1);

-- SyttNUNC-70Q6WdSrWfH
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND (u.id = $1) FOR UPDATE;

-- 3SbGJHukimEsa_zcuKmU
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND (u.id = ANY(CAST($1 AS uuid[]))) AND (((lower(u.email) >= CAST($2 AS text) AND lower(u.email) < CAST($3 AS text)) OR (lower(u.display_name) >= CAST($2 AS text) AND lower(u.display_name) < CAST($3 AS text)))) AND ((u.created_at <= CAST($4 AS timestamptz) AND ((u.created_at < CAST($4 AS timestamptz)) OR (u.created_at = CAST($4 AS timestamptz) AND u.id > CAST($5 AS uuid))))) ORDER BY u.created_at DESC, u.id ASC LIMIT $6;

-- vWvhtyEWQrh77UlXvlpO
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND (u.id = ANY(CAST($1 AS uuid[]))) AND (((lower(u.email) >= CAST($2 AS text) AND lower(u.email) < CAST($3 AS text)) OR (lower(u.display_name) >= CAST($2 AS text) AND lower(u.display_name) < CAST($3 AS text)))) ORDER BY u.created_at DESC, u.id ASC LIMIT $4;

-- XmRjEtMhlhoZvtp1p7UG
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND (u.status = 'active') AND ((u.status = $1)) AND ((u.created_at <= CAST($2 AS timestamptz) AND ((u.created_at < CAST($2 AS timestamptz)) OR (u.created_at = CAST($2 AS timestamptz) AND u.id > CAST($3 AS uuid))))) ORDER BY u.created_at DESC, u.id ASC LIMIT $4;

-- aOzIcEhe00ka9fs4kgHr
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND (u.status = 'active') AND ((u.status = $1)) ORDER BY u.created_at DESC, u.id ASC LIMIT $2;

-- rDqkSqxg6GFQwf4FM0St
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) AND (u.status = 'suspended') AND ((u.status = $1)) ORDER BY u.created_at DESC, u.id ASC LIMIT $2;

-- ukP1i8HElQyFBka_k4xu
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.created_at ASC, u.id ASC LIMIT $1;

-- XzouuXsCUJ5dYK4plfvW
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.created_at DESC, u.id ASC LIMIT $1;

-- KWgXDgw4nqZ5oBrDF7r6
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.created_at DESC, u.id DESC LIMIT $1;

-- YGKNdf0FhjD1MY4025Do
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.display_name ASC, u.id ASC LIMIT $1;

-- 2PunkGL1OAIMb4qp91ZV
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.display_name DESC, u.id DESC LIMIT $1;

-- Jg0sdHLHSewSAnGAXwAW
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.email ASC, u.id ASC LIMIT $1;

-- S8iLHOfOzN9CNSINysv0
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.email DESC, u.id DESC LIMIT $1;

-- AvjAGhQvooFIXS0bJOrB
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.id ASC LIMIT $1;

-- XtS9nPWyKTckc9QTKV5L
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.id DESC LIMIT $1;

-- LlfzCzxQ5c2J4xpSqWcV
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.updated_at ASC, u.id ASC LIMIT $1;

-- A2F-XD5p5D1ClwFx_JmB
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.updated_at DESC, u.id DESC LIMIT $1;

-- S9Ce5otpG5DrWrWL7vGc
SELECT u.id AS id FROM users u WHERE (u.deleted_at IS NULL) AND (lower(u.display_name) >= CAST($1 AS text) AND lower(u.display_name) < CAST($2 AS text)) ORDER BY lower(u.display_name) ASC LIMIT $3;

-- 77Pdukt0Rdw_WnjxhVZv
SELECT u.id AS id FROM users u WHERE (u.deleted_at IS NULL) AND (lower(u.email) >= CAST($1 AS text) AND lower(u.email) < CAST($2 AS text)) ORDER BY lower(u.email) ASC LIMIT $3;

-- 1sluv50m3O_sbFfuGLzT
UPDATE users SET "display_name" = $2, updated_at = now() WHERE id = $1 RETURNING updated_at, deleted_at;

-- LYomVrxn9VDXtIVP3ppJ
UPDATE users SET "status" = $2, updated_at = now() WHERE id = $1 RETURNING updated_at, deleted_at;

-- kp517B75jgaX5hPek09k
UPDATE users SET "super_admin" = $2, updated_at = now() WHERE id = $1 RETURNING updated_at, deleted_at;

-- iwW5_TMEWY8sY1ZHWXYV
UPDATE users SET deleted_at = now(), updated_at = now()
      WHERE id = ANY($1::uuid[]) RETURNING id, updated_at, deleted_at;

-- tGkVMBWSFL5Pw6ISbAto
UPDATE users SET deleted_at = now(), updated_at = now() WHERE id = $1 RETURNING updated_at, deleted_at;
