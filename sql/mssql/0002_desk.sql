-- The desk (issue 5): login sessions, and the call an activity was written during
-- (its call-history row may not exist yet: it is written when the call ends).
-- Kept column for column in step with sql/sqlite/0002_desk.sql.

CREATE TABLE desk_sessions (
  id INT IDENTITY(1,1) NOT NULL PRIMARY KEY,
  token_hash NVARCHAR(64) NOT NULL,
  user_id INT NOT NULL CONSTRAINT fk_desk_sessions_user REFERENCES users (id),
  created_at DATETIME2(3) NOT NULL,
  expires_at DATETIME2(3) NOT NULL,
  revoked_at DATETIME2(3) NULL,
  CONSTRAINT uq_desk_sessions_token UNIQUE (token_hash)
);
CREATE INDEX ix_desk_sessions_user ON desk_sessions (user_id);

ALTER TABLE activities ADD exchange_id INT NULL;
ALTER TABLE activities ADD call_id NVARCHAR(64) NULL;
ALTER TABLE activities ADD line NVARCHAR(20) NULL;
CREATE INDEX ix_activities_call_ref ON activities (exchange_id, call_id, line);
