SELECT id, pan_number, applicant_name, pan_number_sealed, applicant_name_sealed
  FROM applications
 WHERE id > :#after_id
   AND personal_data_erased_at IS NULL
   AND (pan_number IS NOT NULL
        OR applicant_name IS NOT NULL
        OR split_part(pan_number_sealed, ':', 1) <> :#current_key_id
        OR split_part(applicant_name_sealed, ':', 1) <> :#current_key_id)
 ORDER BY id
 LIMIT :#batch_size
