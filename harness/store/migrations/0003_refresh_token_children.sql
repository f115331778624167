-- The refresh-race policies look tokens up by their parent (a grace or replay
-- answer, a lazy commit retiring the siblings): without this, a scan.
CREATE INDEX refresh_tokens_parent ON refresh_tokens (parent_hash);
