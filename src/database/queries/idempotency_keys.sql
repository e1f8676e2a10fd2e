-- hRaZr_q8zgEL9-k5VJHp
DELETE FROM idempotency_keys
        WHERE (api_key_id, idempotency_key) IN (
              SELECT api_key_id, idempotency_key FROM idempotency_keys
               WHERE expires_at <= now()
               ORDER BY expires_at
               LIMIT $1
                 FOR UPDATE SKIP LOCKED);

-- n6si8d-EdkMjcCd6ET6f
INSERT INTO idempotency_keys AS k (api_key_id, idempotency_key, request_hash, attempt_id, locked_until, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5), now() + make_interval(secs => $6))
       ON CONFLICT (api_key_id, idempotency_key) DO UPDATE
          SET request_hash = EXCLUDED.request_hash, attempt_id = EXCLUDED.attempt_id,
              locked_until = EXCLUDED.locked_until, response_status = NULL, response_body = NULL,
              created_at = now(), expires_at = EXCLUDED.expires_at
        WHERE k.expires_at <= now() OR (k.response_status IS NULL AND k.locked_until <= now())
       RETURNING 1;

-- NfsB0n7a5peNTUhcNwp2
SELECT request_hash, response_status, response_body, owner_account_id, owner_user_id FROM idempotency_keys
        WHERE api_key_id = $1 AND idempotency_key = $2 AND expires_at > now();

-- CohIjyWr68zaSiRfdcTr
UPDATE idempotency_keys SET response_status = $4, response_body = $5, locked_until = NULL,
              owner_account_id = $6, owner_user_id = $7
        WHERE api_key_id = $1 AND idempotency_key = $2 AND attempt_id = $3;
