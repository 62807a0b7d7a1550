-- The user's phone number from WeChat's getPhoneNumber (POST /api/users/me/phone):
-- AES-256-GCM encrypted with auth.phone.key (the user id as associated data), and the
-- masked form the mini-program is shown (138****5678). The full number is only ever
-- decrypted to publish it (auth.UserPhoneLinked.v1 on auth.phones.v1).
ALTER TABLE app_user
	ADD COLUMN phone_encrypted VARCHAR(255) NULL,
	ADD COLUMN phone_masked VARCHAR(32) NULL,
	ADD COLUMN phone_linked_at TIMESTAMP(3) NULL;
