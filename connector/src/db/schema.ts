import type { CallType } from '@cc/protocol';
import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely's view of the ERP books (sql/sqlite and sql/mssql describe the same
 * tables). Values as they cross the driver boundary: booleans are written as
 * 0/1 and read as 0/1 (SQLite) or true/false (SQL Server); times are written
 * as ISO 8601 text and read as text (SQLite) or Date (SQL Server). The
 * repository layer turns both into plain domain values (see sqlValues.ts).
 */
export type DbBool = ColumnType<number | boolean, number, number>;
export type DbTime = ColumnType<string | Date, string, string>;
export type DbTimeNullable = ColumnType<string | Date | null, string | null, string | null>;
export type DbDecimal = ColumnType<number | string, number, number>;
/** Columns with a DEFAULT in the schema: an insert may leave them out. */
export type DbBoolDefault = ColumnType<number | boolean, number | undefined, number>;
export type DbDecimalDefault = ColumnType<number | string, number | undefined, number>;

export interface PartnersTable {
  id: Generated<number>;
  abbr: string;
  name: string;
  company_reg_no: string | null;
  city: string | null;
  country_code: string | null;
  balance: DbDecimalDefault;
  currency: Generated<string>;
  last_communication_at: DbTimeNullable;
}

export interface ContactPersonsTable {
  id: Generated<number>;
  partner_id: number | null;
  first_name: Generated<string>;
  last_name: string;
  title: string | null;
  position: string | null;
  updated_at: DbTime;
}

export type UserRole = 'user' | 'manager' | 'admin' | 'service';

export interface UsersTable {
  id: Generated<number>;
  code: string;
  full_name: string;
  role: Generated<UserRole>;
  password_hash: string | null;
  language: Generated<string>;
  contact_person_id: number | null;
  active: DbBoolDefault;
}

export interface ElectronicAddressTypesTable {
  code: string;
  name: string;
  format: string;
}

export interface ElectronicAddressesTable {
  id: Generated<number>;
  contact_person_id: number;
  address_type: string;
  value: string;
  number_e164: string | null;
  updated_at: DbTime;
}

export interface CcSettingsTable {
  id: number;
  incoming_activity_type: Generated<string>;
  outgoing_activity_type: Generated<string>;
  match_address_types: Generated<string>;
}

export interface ExchangesTable {
  id: number;
  name: string;
  active: DbBoolDefault;
  country_code: Generated<string>;
  recording_url: string | null;
  use_web_pbx: DbBoolDefault;
  outside_line_prefix: Generated<string>;
  international_prefix: Generated<string>;
  ami_host: string;
  ami_port: Generated<number>;
  ami_user: string;
  ami_password: Generated<string>;
  default_context: Generated<string>;
  pbx_version: string | null;
  web_host: string | null;
  web_port: number | null;
  timeout_seconds: Generated<number>;
  line_channel_template: Generated<string>;
}

export interface ExchangeNumberRulesTable {
  id: Generated<number>;
  exchange_id: number;
  country_prefix: string;
  internal_prefix: Generated<string>;
  extension_pattern: string;
  example_number: string | null;
  example_extension: string | null;
}

export interface LinesTable {
  id: Generated<number>;
  exchange_id: number;
  line: string;
  user_id: number | null;
  contact_person_id: number | null;
  phone_number: string | null;
  active: DbBoolDefault;
  log_calls: DbBoolDefault;
  auto_close_missed: DbBoolDefault;
  auto_close_empty: DbBoolDefault;
  auto_connect: DbBoolDefault;
  notify_missed: DbBoolDefault;
}

export type { CallType };

export interface CallHistoryTable {
  id: Generated<number>;
  exchange_id: number;
  call_id: string;
  line: Generated<string>;
  participation: Generated<number>;
  call_type: CallType;
  internal: DbBoolDefault;
  transferred: DbBoolDefault;
  caller_number: Generated<string>;
  called_number: Generated<string>;
  remote_number: string | null;
  contact_person_id: number | null;
  partner_id: number | null;
  responsible_user_id: number | null;
  started_at: DbTime;
  ended_at: DbTime;
  end_estimated: DbBoolDefault;
  ring_seconds: DbDecimalDefault;
  talk_seconds: DbDecimalDefault;
  activity_id: number | null;
  recording: string | null;
  created_at: DbTime;
}

export interface CallHistoryMatchesTable {
  call_history_id: number;
  contact_person_id: number;
  partner_id: number | null;
}

export interface ActivitiesTable {
  id: Generated<number>;
  activity_type: string;
  subject: string;
  contact_person_id: number | null;
  partner_id: number | null;
  responsible_user_id: number | null;
  note: string | null;
  call_history_id: number | null;
  created_by_user_id: number | null;
  created_at: DbTime;
  /** The call the activity was written during; its call-history row is linked once written. */
  exchange_id: number | null;
  call_id: string | null;
  line: string | null;
}

export interface DeskSessionsTable {
  id: Generated<number>;
  /** SHA-256 of the token (hex): the token itself is never stored. */
  token_hash: string;
  user_id: number;
  created_at: DbTime;
  expires_at: DbTime;
  revoked_at: DbTimeNullable;
}

export interface TasksTable {
  id: Generated<number>;
  subject: string;
  note: string | null;
  due_at: DbTimeNullable;
  responsible_user_id: number | null;
  contact_person_id: number | null;
  partner_id: number | null;
  activity_id: number | null;
  done: DbBoolDefault;
  created_at: DbTime;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  call_history_id: number | null;
  message: string;
  created_at: DbTime;
  seen_at: DbTimeNullable;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: DbTime;
}

export interface ErpDatabase {
  desk_sessions: DeskSessionsTable;
  partners: PartnersTable;
  contact_persons: ContactPersonsTable;
  users: UsersTable;
  electronic_address_types: ElectronicAddressTypesTable;
  electronic_addresses: ElectronicAddressesTable;
  cc_settings: CcSettingsTable;
  exchanges: ExchangesTable;
  exchange_number_rules: ExchangeNumberRulesTable;
  lines: LinesTable;
  call_history: CallHistoryTable;
  call_history_matches: CallHistoryMatchesTable;
  activities: ActivitiesTable;
  tasks: TasksTable;
  notifications: NotificationsTable;
  schema_migrations: SchemaMigrationsTable;
}
