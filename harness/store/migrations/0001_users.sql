-- Users who log in. token_version backs the pg-token-version strategy;
-- banned is honoured by every strategy.
CREATE TABLE users (
    id            bigserial   PRIMARY KEY,
    name          text        NOT NULL UNIQUE,
    password_hash text        NOT NULL,
    token_version bigint      NOT NULL DEFAULT 0,
    banned        boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now()
);
