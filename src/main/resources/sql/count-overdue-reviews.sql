SELECT count(*) AS overdue FROM review_tasks WHERE state <> 'done' AND due_at < now()
