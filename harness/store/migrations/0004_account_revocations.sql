-- How many revoking events (ban, password change, reset, logout-all) the
-- account has had. A login reads it with the password and reads it again
-- once its tokens are minted: a login that overlapped a revocation is refused
-- instead of handing out a session the revocation never saw.
ALTER TABLE users ADD COLUMN revocations bigint NOT NULL DEFAULT 0;
