-- A revoking account change (ban, password change, reset, logout-all)
-- commits together with its row here, in one statement; the row goes once
-- the strategy's part of the revocation (Redis, a feed, refresh families) has
-- landed. A row that stays is a revocation still owed: its instance tries it
-- again until its store answers, and rows an instance left behind when it
-- died are finished by the next one to start.
CREATE TABLE pending_revocations (
  id bigserial PRIMARY KEY,
  user_name text NOT NULL,
  keep_sid text,  -- a password change spares the caller's own session
  created_at timestamptz NOT NULL DEFAULT now()
);
