-- bm_IaF9jySuKwKvlyrZ6
SELECT tx::text AS tx, seq::text AS seq FROM event_horizon WHERE id = 1;

-- jQ0WW3bg68Qj2NjMobym
UPDATE event_horizon SET tx = $1, seq = $2 WHERE id = 1 AND (tx, seq) < ($1::bigint, $2::bigint);
