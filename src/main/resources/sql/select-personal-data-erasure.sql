SELECT id AS application_id, status, personal_data_erased_at FROM applications WHERE id = :#id
