-- One row per owner and content: uploading the same bytes again returns the first row
-- (also under concurrent uploads), so a user's quota counts each content once.
ALTER TABLE stored_file ADD UNIQUE KEY uk_stored_file_owner_sha256 (owner_id, sha256);

-- Animated GIFs are served whole for ?w= requests (scaling would keep only one frame);
-- known at upload so delivery need not scan the frames.
ALTER TABLE stored_file ADD COLUMN animated BOOLEAN NOT NULL DEFAULT FALSE AFTER height;
