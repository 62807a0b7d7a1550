-- A user an admin disabled (POST /api/admin/users/{id}/disable): cannot log in or refresh,
-- and their tokens are refused at once (Redis key auth:user-disabled:<id>, see
-- auth-service/README.md). NULL: active. The nickname index serves the admin's search.
ALTER TABLE app_user
	ADD COLUMN disabled_at TIMESTAMP(3) NULL,
	ADD KEY idx_app_user_nickname (nickname);
