-- Refresh-token families for the refresh-rotation strategy (RFC 9700 §4.14.2):
-- one family per login (session), one row per refresh token ever issued in it.
-- Tokens are stored as SHA-256 digests (hex), never in the clear.
CREATE TABLE refresh_families (
    id         bigserial   PRIMARY KEY,
    user_name  text        NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    sid        text        NOT NULL UNIQUE,
    revoked    boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_families_user ON refresh_families (user_name);

CREATE TABLE refresh_tokens (
    token_hash    text        PRIMARY KEY,  -- hex SHA-256 of the token
    family_id     bigint      NOT NULL REFERENCES refresh_families (id) ON DELETE CASCADE,
    parent_hash   text,
    current       boolean     NOT NULL,
    superseded_at timestamptz,
    expires_at    timestamptz NOT NULL
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
