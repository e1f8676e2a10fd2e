-- dv9mqGc9YtuyqbZYwDr6
SELECT 1
       FROM users u
       JOIN accounts a ON a.id = u.account_id AND a.deleted_at IS NULL AND a.status = 'active'
      WHERE u.super_admin AND u.deleted_at IS NULL AND u.status = 'active'
        AND u.id IS DISTINCT FROM $1::uuid AND a.id IS DISTINCT FROM $2::uuid
      LIMIT 1;

-- 0B3S4m0AffASij9A_KtF
SELECT r."created_at" AS "created_at", r."updated_at" AS "updated_at", r."deleted_at" AS "deleted_at", r."id" AS "id", r."account_id" AS "account_id", r."email" AS "email", r."display_name" AS "display_name", r."super_admin" AS "super_admin", r."status" AS "status", r."role" AS "role", r."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users r WHERE (r.account_id = $1 AND r.deleted_at IS NULL) ORDER BY r.id ASC FOR UPDATE;

-- ocB0cQsVP5KcaVNdyiqI
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.created_at, u.id) < (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY u.created_at DESC, u.id DESC LIMIT $3;

-- dE6KhP1E3ltkPaUO9fPj
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.created_at, u.id) > (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY u.created_at ASC, u.id ASC LIMIT $3;

-- D9NKlSw5NPSS3gTwWlxH
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.display_name, u.id) < (CAST($1 AS text), CAST($2 AS uuid)))) ORDER BY u.display_name DESC, u.id DESC LIMIT $3;

-- jNQU1F9-7U1gdZWBKuze
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.display_name, u.id) > (CAST($1 AS text), CAST($2 AS uuid)))) ORDER BY u.display_name ASC, u.id ASC LIMIT $3;

-- ehIw6m8jEJ39gRbtiM5S
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.email, u.id) < (CAST($1 AS text), CAST($2 AS uuid)))) ORDER BY u.email DESC, u.id DESC LIMIT $3;

-- qli6En5wnSXgDopBp7gl
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.email, u.id) > (CAST($1 AS text), CAST($2 AS uuid)))) ORDER BY u.email ASC, u.id ASC LIMIT $3;

-- 8aVUBonSWtCZMAZNuItc
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.id) < (CAST($1 AS uuid)))) ORDER BY u.id DESC LIMIT $2;

-- Xf8ZFMVx2aEVu7YSngpc
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.id) > (CAST($1 AS uuid)))) ORDER BY u.id ASC LIMIT $2;

-- L3tH4Hw42pWAVyCDAINV
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.updated_at, u.id) < (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY u.updated_at DESC, u.id DESC LIMIT $3;

-- 4HaRz6vfJ2PNaRMsGGXu
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND (((u.updated_at, u.id) > (CAST($1 AS timestamptz), CAST($2 AS uuid)))) ORDER BY u.updated_at ASC, u.id ASC LIMIT $3;

-- Hfn3U6s9t6F1wN-o6vhD
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND ((lower(u.email) = CAST($1 AS text))) ORDER BY u.created_at DESC, u.id ASC LIMIT $2;

-- 1mXS1NjwwuHQ_6SfRGl1
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND ((u.account_id = $1)) ORDER BY u.created_at DESC, u.id ASC LIMIT $2;

-- -2yWjR2w3Md2DHAO9m2t
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND ((u.created_at <= CAST($1 AS timestamptz) AND ((u.created_at < CAST($1 AS timestamptz)) OR (u.created_at = CAST($1 AS timestamptz) AND u.id > CAST($2 AS uuid))))) ORDER BY u.created_at DESC, u.id ASC LIMIT $3;

-- 3QNUGxoWhiE-ulJ_whYN
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND (u.id = $1);

-- LZ-7ShXmN0jnPE2Lpo-H
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND (u.id = $1) FOR UPDATE;

-- pESSuvMQ_0as2DOlaZeE
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND (u.id = ANY(CAST($1 AS uuid[]))) AND (((lower(u.email) >= CAST($2 AS text) AND lower(u.email) < CAST($3 AS text)) OR (lower(u.display_name) >= CAST($2 AS text) AND lower(u.display_name) < CAST($3 AS text)))) AND ((u.created_at <= CAST($4 AS timestamptz) AND ((u.created_at < CAST($4 AS timestamptz)) OR (u.created_at = CAST($4 AS timestamptz) AND u.id > CAST($5 AS uuid))))) ORDER BY u.created_at DESC, u.id ASC LIMIT $6;

-- YP3xhxxFgALsclyVBUcN
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND (u.id = ANY(CAST($1 AS uuid[]))) AND (((lower(u.email) >= CAST($2 AS text) AND lower(u.email) < CAST($3 AS text)) OR (lower(u.display_name) >= CAST($2 AS text) AND lower(u.display_name) < CAST($3 AS text)))) ORDER BY u.created_at DESC, u.id ASC LIMIT $4;

-- sk1OWb332RFXjvputgqD
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND (u.status = 'active') AND ((u.status = $1)) AND ((u.created_at <= CAST($2 AS timestamptz) AND ((u.created_at < CAST($2 AS timestamptz)) OR (u.created_at = CAST($2 AS timestamptz) AND u.id > CAST($3 AS uuid))))) ORDER BY u.created_at DESC, u.id ASC LIMIT $4;

-- gQveyLfZmprbKmR7LPyB
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND (u.status = 'active') AND ((u.status = $1)) ORDER BY u.created_at DESC, u.id ASC LIMIT $2;

-- R-DE2ptl57f1HdHOJs7P
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) AND (u.status = 'suspended') AND ((u.status = $1)) ORDER BY u.created_at DESC, u.id ASC LIMIT $2;

-- sy7VzZdrttpB2JhQP3wU
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.created_at ASC, u.id ASC LIMIT $1;

-- yiSZBAen23cRErpHprHg
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.created_at DESC, u.id ASC LIMIT $1;

-- ovlPjP3zvFCVKnBDPZ3u
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.created_at DESC, u.id DESC LIMIT $1;

-- qep2PB6wb5v6LVDdj9Uu
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.display_name ASC, u.id ASC LIMIT $1;

-- IKbSDc_ovjKxQ6VrNEvE
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.display_name DESC, u.id DESC LIMIT $1;

-- Lvt4mQ5AH66mlfUsawi4
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.email ASC, u.id ASC LIMIT $1;

-- f-yyp1859NsnyUuPpVPD
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.email DESC, u.id DESC LIMIT $1;

-- qJiRY0_JdLXX5btsutAH
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.id ASC LIMIT $1;

-- Ed6AurWXLLiz1JIfX7CJ
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.id DESC LIMIT $1;

-- DMwIw963GkAle7a3JzzV
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.updated_at ASC, u.id ASC LIMIT $1;

-- DQmLQsSrQE4KHbnM0_NO
SELECT u."created_at" AS "created_at", u."updated_at" AS "updated_at", u."deleted_at" AS "deleted_at", u."id" AS "id", u."account_id" AS "account_id", u."email" AS "email", u."display_name" AS "display_name", u."super_admin" AS "super_admin", u."status" AS "status", u."role" AS "role", u."suspended_by_superadmin" AS "suspended_by_superadmin" FROM users u WHERE (u.deleted_at IS NULL) ORDER BY u.updated_at DESC, u.id DESC LIMIT $1;

-- S9Ce5otpG5DrWrWL7vGc
SELECT u.id AS id FROM users u WHERE (u.deleted_at IS NULL) AND (lower(u.display_name) >= CAST($1 AS text) AND lower(u.display_name) < CAST($2 AS text)) ORDER BY lower(u.display_name) ASC LIMIT $3;

-- 77Pdukt0Rdw_WnjxhVZv
SELECT u.id AS id FROM users u WHERE (u.deleted_at IS NULL) AND (lower(u.email) >= CAST($1 AS text) AND lower(u.email) < CAST($2 AS text)) ORDER BY lower(u.email) ASC LIMIT $3;

-- 1sluv50m3O_sbFfuGLzT
UPDATE users SET "display_name" = $2, updated_at = now() WHERE id = $1 RETURNING updated_at, deleted_at;

-- GAq6ylc4xjnIZgSXW6iK
UPDATE users SET "status" = $2, "suspended_by_superadmin" = $3, updated_at = now() WHERE id = $1 RETURNING updated_at, deleted_at;

-- kp517B75jgaX5hPek09k
UPDATE users SET "super_admin" = $2, updated_at = now() WHERE id = $1 RETURNING updated_at, deleted_at;

-- iwW5_TMEWY8sY1ZHWXYV
UPDATE users SET deleted_at = now(), updated_at = now()
      WHERE id = ANY($1::uuid[]) RETURNING id, updated_at, deleted_at;

-- tGkVMBWSFL5Pw6ISbAto
UPDATE users SET deleted_at = now(), updated_at = now() WHERE id = $1 RETURNING updated_at, deleted_at;
