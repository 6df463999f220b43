WITH decision AS (
    SELECT *
      FROM unnest(CAST(:#ids AS uuid[]), CAST(:#statuses AS varchar[]), CAST(:#cibil_scores AS integer[]),
                  CAST(:#decision_reasons AS jsonb[]), CAST(:#reason_codes AS varchar[]),
                  CAST(:#policy_versions AS varchar[]), CAST(:#decided_ats AS timestamptz[]),
                  CAST(:#correlation_ids AS varchar[]), CAST(:#review_ids AS uuid[]),
                  CAST(:#due_ats AS timestamptz[]), CAST(:#event_payloads AS text[]))
        AS d (id, status, cibil_score, decision_reasons, reason_codes, policy_version, decided_at,
              correlation_id, review_id, due_at, event_payload)
), pending AS (
    -- Locked in id order, so two batches naming some of the same applications wait for each other
    -- instead of deadlocking.
    SELECT a.id
      FROM applications a JOIN decision d ON d.id = a.id
     WHERE a.status = 'PENDING'
     ORDER BY a.id
       FOR UPDATE OF a
), decided AS (
    UPDATE applications a
       SET status = d.status, cibil_score = d.cibil_score, decision_reasons = d.decision_reasons,
           policy_version = d.policy_version, decided_at = d.decided_at, decided_by = :#decided_by
      FROM decision d
     WHERE a.id = d.id AND a.id IN (SELECT id FROM pending) AND a.status = 'PENDING'
    RETURNING d.*
), audit AS (
    INSERT INTO application_events (application_id, from_status, to_status, cibil_score, correlation_id,
                                    actor, reason_codes, policy_version, created_at)
    SELECT id, 'PENDING', status, cibil_score, correlation_id,
           :#decided_by, string_to_array(reason_codes, ','), policy_version, decided_at
      FROM decided
), task AS (
    INSERT INTO review_tasks (id, application_id, due_at, created_at)
    SELECT review_id, id, due_at, decided_at
      FROM decided
     WHERE review_id IS NOT NULL
), event AS (
    INSERT INTO outbox (topic, message_key, payload, correlation_id)
    SELECT :#event_topic, CAST(id AS varchar), event_payload, correlation_id FROM decided
)
SELECT id FROM decided
