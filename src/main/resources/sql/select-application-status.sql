SELECT id AS application_id, status FROM applications WHERE id = :#id
