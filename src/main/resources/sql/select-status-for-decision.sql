SELECT status FROM applications WHERE id = :#id
