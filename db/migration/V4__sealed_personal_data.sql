-- PAN and applicant name are kept only sealed (AES-256-GCM, "keyId:base64", see
-- privacy.PersonalDataCipher), with a keyed hash of the PAN for look-ups. The plain columns stay
-- for the rows V1 stored: the service re-seals them at start-up and empties the plain values, and
-- nothing writes them again. Their index served no query and would keep every PAN readable.

DROP INDEX applications_pan_number_idx;

ALTER TABLE applications
    ALTER COLUMN pan_number DROP NOT NULL,
    ADD COLUMN pan_number_sealed       TEXT,
    ADD COLUMN applicant_name_sealed   TEXT,
    -- HMAC-SHA-256, hex. Indexed by the first query that looks an applicant up by PAN.
    ADD COLUMN pan_lookup              CHAR(64),
    -- When the PAN, its hash and the name were erased, on request or at the end of retention.
    ADD COLUMN personal_data_erased_at TIMESTAMPTZ;

-- What an audit event records besides a status change: the erasure of personal data.
ALTER TABLE application_events ADD COLUMN action VARCHAR(32);
