-- The ERP books the connector reads and writes (DESIGN §3), T-SQL for SQL Server 2016 and later.
-- Kept column for column in step with sql/sqlite/0001_erp_books.sql (a test compares them).
-- Times are UTC in DATETIME2(3). Batches are separated by GO lines. Defaults are named (df_table_column)
-- so that a later migration can drop or change them. Kysely quotes names with "…": the connection
-- needs QUOTED_IDENTIFIER ON (tedious's default), as does the filtered index below.

CREATE TABLE partners (
  id INT IDENTITY(1,1) NOT NULL PRIMARY KEY,
  abbr NVARCHAR(20) NOT NULL,
  name NVARCHAR(200) NOT NULL,
  company_reg_no NVARCHAR(20) NULL,
  city NVARCHAR(100) NULL,
  country_code NVARCHAR(2) NULL,
  balance DECIMAL(19,2) NOT NULL CONSTRAINT df_partners_balance DEFAULT 0,
  currency NVARCHAR(3) NOT NULL CONSTRAINT df_partners_currency DEFAULT 'CZK',
  last_communication_at DATETIME2(3) NULL,
  CONSTRAINT uq_partners_abbr UNIQUE (abbr)
);

CREATE TABLE contact_persons (
  id INT IDENTITY(1,1) NOT NULL PRIMARY KEY,
  partner_id INT NULL CONSTRAINT fk_contact_persons_partner REFERENCES partners (id),
  first_name NVARCHAR(60) NOT NULL CONSTRAINT df_contact_persons_first_name DEFAULT '',
  last_name NVARCHAR(60) NOT NULL,
  title NVARCHAR(30) NULL,
  [position] NVARCHAR(60) NULL,
  updated_at DATETIME2(3) NOT NULL
);
CREATE INDEX ix_contact_persons_partner ON contact_persons (partner_id);

CREATE TABLE users (
  id INT IDENTITY(1,1) NOT NULL PRIMARY KEY,
  code NVARCHAR(20) NOT NULL,
  full_name NVARCHAR(100) NOT NULL,
  role NVARCHAR(10) NOT NULL CONSTRAINT df_users_role DEFAULT 'user',
  password_hash NVARCHAR(200) NULL,
  [language] NVARCHAR(5) NOT NULL CONSTRAINT df_users_language DEFAULT 'cs',
  contact_person_id INT NULL CONSTRAINT fk_users_contact_person REFERENCES contact_persons (id),
  active BIT NOT NULL CONSTRAINT df_users_active DEFAULT 1,
  CONSTRAINT uq_users_code UNIQUE (code),
  CONSTRAINT ck_users_role CHECK (role IN ('user', 'manager', 'admin', 'service'))
);

CREATE TABLE electronic_address_types (
  code NVARCHAR(10) NOT NULL PRIMARY KEY,
  name NVARCHAR(60) NOT NULL,
  format NVARCHAR(20) NOT NULL
);

CREATE TABLE electronic_addresses (
  id INT IDENTITY(1,1) NOT NULL PRIMARY KEY,
  contact_person_id INT NOT NULL CONSTRAINT fk_electronic_addresses_contact
    REFERENCES contact_persons (id) ON DELETE CASCADE,
  address_type NVARCHAR(10) NOT NULL CONSTRAINT fk_electronic_addresses_type
    REFERENCES electronic_address_types (code),
  value NVARCHAR(200) NOT NULL,
  number_e164 NVARCHAR(20) NULL,
  updated_at DATETIME2(3) NOT NULL
);
CREATE INDEX ix_electronic_addresses_number ON electronic_addresses (number_e164);
CREATE INDEX ix_electronic_addresses_contact ON electronic_addresses (contact_person_id);

CREATE TABLE cc_settings (
  id INT NOT NULL PRIMARY KEY,
  incoming_activity_type NVARCHAR(10) NOT NULL CONSTRAINT df_cc_settings_incoming_activity_type DEFAULT 'TEP',
  outgoing_activity_type NVARCHAR(10) NOT NULL CONSTRAINT df_cc_settings_outgoing_activity_type DEFAULT 'TEV',
  match_address_types NVARCHAR(100) NOT NULL CONSTRAINT df_cc_settings_match_address_types DEFAULT 'TELCC',
  CONSTRAINT ck_cc_settings_single_row CHECK (id = 1)
);

CREATE TABLE exchanges (
  id INT NOT NULL PRIMARY KEY,
  name NVARCHAR(100) NOT NULL,
  active BIT NOT NULL CONSTRAINT df_exchanges_active DEFAULT 1,
  country_code NVARCHAR(2) NOT NULL CONSTRAINT df_exchanges_country_code DEFAULT 'CZ',
  recording_url NVARCHAR(400) NULL,
  use_web_pbx BIT NOT NULL CONSTRAINT df_exchanges_use_web_pbx DEFAULT 0,
  outside_line_prefix NVARCHAR(10) NOT NULL CONSTRAINT df_exchanges_outside_line_prefix DEFAULT '',
  international_prefix NVARCHAR(10) NOT NULL CONSTRAINT df_exchanges_international_prefix DEFAULT '00',
  ami_host NVARCHAR(255) NOT NULL,
  ami_port INT NOT NULL CONSTRAINT df_exchanges_ami_port DEFAULT 5038,
  ami_user NVARCHAR(100) NOT NULL,
  ami_password NVARCHAR(200) NOT NULL CONSTRAINT df_exchanges_ami_password DEFAULT '',
  default_context NVARCHAR(80) NOT NULL CONSTRAINT df_exchanges_default_context DEFAULT 'from-internal',
  pbx_version NVARCHAR(40) NULL,
  web_host NVARCHAR(255) NULL,
  web_port INT NULL,
  timeout_seconds INT NOT NULL CONSTRAINT df_exchanges_timeout_seconds DEFAULT 30,
  line_channel_template NVARCHAR(80) NOT NULL CONSTRAINT df_exchanges_line_channel_template DEFAULT 'PJSIP/{line}',
  CONSTRAINT ck_exchanges_ami_port CHECK (ami_port BETWEEN 1 AND 65535)
);

CREATE TABLE exchange_number_rules (
  id INT IDENTITY(1,1) NOT NULL PRIMARY KEY,
  exchange_id INT NOT NULL CONSTRAINT fk_exchange_number_rules_exchange REFERENCES exchanges (id),
  country_prefix NVARCHAR(5) NOT NULL,
  internal_prefix NVARCHAR(20) NOT NULL CONSTRAINT df_exchange_number_rules_internal_prefix DEFAULT '',
  extension_pattern NVARCHAR(20) NOT NULL,
  example_number NVARCHAR(30) NULL,
  example_extension NVARCHAR(20) NULL
);
CREATE INDEX ix_exchange_number_rules_exchange ON exchange_number_rules (exchange_id);

CREATE TABLE [lines] (
  id INT IDENTITY(1,1) NOT NULL PRIMARY KEY,
  exchange_id INT NOT NULL CONSTRAINT fk_lines_exchange REFERENCES exchanges (id),
  [line] NVARCHAR(20) NOT NULL,
  user_id INT NULL CONSTRAINT fk_lines_user REFERENCES users (id),
  contact_person_id INT NULL CONSTRAINT fk_lines_contact_person REFERENCES contact_persons (id),
  phone_number NVARCHAR(30) NULL,
  active BIT NOT NULL CONSTRAINT df_lines_active DEFAULT 1,
  log_calls BIT NOT NULL CONSTRAINT df_lines_log_calls DEFAULT 0,
  auto_close_missed BIT NOT NULL CONSTRAINT df_lines_auto_close_missed DEFAULT 0,
  auto_close_empty BIT NOT NULL CONSTRAINT df_lines_auto_close_empty DEFAULT 0,
  auto_connect BIT NOT NULL CONSTRAINT df_lines_auto_connect DEFAULT 0,
  notify_missed BIT NOT NULL CONSTRAINT df_lines_notify_missed DEFAULT 0,
  CONSTRAINT uq_lines_exchange_line UNIQUE (exchange_id, [line])
);
CREATE INDEX ix_lines_user ON [lines] (user_id);

CREATE TABLE call_history (
  id INT IDENTITY(1,1) NOT NULL PRIMARY KEY,
  exchange_id INT NOT NULL CONSTRAINT fk_call_history_exchange REFERENCES exchanges (id),
  call_id NVARCHAR(64) NOT NULL,
  [line] NVARCHAR(20) NOT NULL CONSTRAINT df_call_history_line DEFAULT '',
  participation INT NOT NULL CONSTRAINT df_call_history_participation DEFAULT 1,
  call_type NVARCHAR(10) NOT NULL,
  internal BIT NOT NULL CONSTRAINT df_call_history_internal DEFAULT 0,
  transferred BIT NOT NULL CONSTRAINT df_call_history_transferred DEFAULT 0,
  caller_number NVARCHAR(40) NOT NULL CONSTRAINT df_call_history_caller_number DEFAULT '',
  called_number NVARCHAR(40) NOT NULL CONSTRAINT df_call_history_called_number DEFAULT '',
  remote_number NVARCHAR(40) NULL,
  contact_person_id INT NULL CONSTRAINT fk_call_history_contact_person REFERENCES contact_persons (id),
  partner_id INT NULL CONSTRAINT fk_call_history_partner REFERENCES partners (id),
  responsible_user_id INT NULL CONSTRAINT fk_call_history_user REFERENCES users (id),
  started_at DATETIME2(3) NOT NULL,
  ended_at DATETIME2(3) NOT NULL,
  end_estimated BIT NOT NULL CONSTRAINT df_call_history_end_estimated DEFAULT 0,
  ring_seconds DECIMAL(10,3) NOT NULL CONSTRAINT df_call_history_ring_seconds DEFAULT 0,
  talk_seconds DECIMAL(10,3) NOT NULL CONSTRAINT df_call_history_talk_seconds DEFAULT 0,
  activity_id INT NULL,
  recording NVARCHAR(255) NULL,
  created_at DATETIME2(3) NOT NULL,
  CONSTRAINT uq_call_history_call_line UNIQUE (exchange_id, call_id, [line], participation),
  CONSTRAINT ck_call_history_type CHECK (call_type IN ('received', 'missed', 'outgoing'))
);
CREATE INDEX ix_call_history_started ON call_history (started_at);
CREATE INDEX ix_call_history_remote ON call_history (remote_number);
CREATE INDEX ix_call_history_user_started ON call_history (responsible_user_id, started_at);

-- Every contact person a call's number matched (the row keeps one only when the choice is clear).
CREATE TABLE call_history_matches (
  call_history_id INT NOT NULL CONSTRAINT fk_call_history_matches_call
    REFERENCES call_history (id) ON DELETE CASCADE,
  contact_person_id INT NOT NULL CONSTRAINT fk_call_history_matches_contact REFERENCES contact_persons (id),
  partner_id INT NULL CONSTRAINT fk_call_history_matches_partner REFERENCES partners (id),
  CONSTRAINT pk_call_history_matches PRIMARY KEY (call_history_id, contact_person_id)
);

CREATE TABLE activities (
  id INT IDENTITY(1,1) NOT NULL PRIMARY KEY,
  activity_type NVARCHAR(10) NOT NULL,
  subject NVARCHAR(200) NOT NULL,
  contact_person_id INT NULL CONSTRAINT fk_activities_contact_person REFERENCES contact_persons (id),
  partner_id INT NULL CONSTRAINT fk_activities_partner REFERENCES partners (id),
  responsible_user_id INT NULL CONSTRAINT fk_activities_responsible REFERENCES users (id),
  note NVARCHAR(MAX) NULL,
  call_history_id INT NULL CONSTRAINT fk_activities_call REFERENCES call_history (id),
  created_by_user_id INT NULL CONSTRAINT fk_activities_created_by REFERENCES users (id),
  created_at DATETIME2(3) NOT NULL
);
CREATE INDEX ix_activities_call ON activities (call_history_id);

-- call_history and activities point at each other; the second link is added once both exist.
ALTER TABLE call_history ADD CONSTRAINT fk_call_history_activity FOREIGN KEY (activity_id) REFERENCES activities (id);

CREATE TABLE tasks (
  id INT IDENTITY(1,1) NOT NULL PRIMARY KEY,
  subject NVARCHAR(200) NOT NULL,
  note NVARCHAR(MAX) NULL,
  due_at DATETIME2(3) NULL,
  responsible_user_id INT NULL CONSTRAINT fk_tasks_responsible REFERENCES users (id),
  contact_person_id INT NULL CONSTRAINT fk_tasks_contact_person REFERENCES contact_persons (id),
  partner_id INT NULL CONSTRAINT fk_tasks_partner REFERENCES partners (id),
  activity_id INT NULL CONSTRAINT fk_tasks_activity REFERENCES activities (id),
  done BIT NOT NULL CONSTRAINT df_tasks_done DEFAULT 0,
  created_at DATETIME2(3) NOT NULL
);

CREATE TABLE notifications (
  id INT IDENTITY(1,1) NOT NULL PRIMARY KEY,
  user_id INT NOT NULL CONSTRAINT fk_notifications_user REFERENCES users (id),
  kind NVARCHAR(20) NOT NULL,
  call_history_id INT NULL CONSTRAINT fk_notifications_call REFERENCES call_history (id),
  message NVARCHAR(400) NOT NULL,
  created_at DATETIME2(3) NOT NULL,
  seen_at DATETIME2(3) NULL
);
GO

CREATE UNIQUE INDEX uq_notifications_call ON notifications (user_id, kind, call_history_id)
  WHERE call_history_id IS NOT NULL;
CREATE INDEX ix_notifications_user_seen ON notifications (user_id, seen_at);
GO
