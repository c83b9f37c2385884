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

export interface PartnersTable {
  id: Generated<number>;
  abbr: string;
  name: string;
  company_reg_no: string | null;
  city: string | null;
  country_code: string | null;
  balance: DbDecimal;
  currency: string;
  last_communication_at: DbTimeNullable;
}

export interface ContactPersonsTable {
  id: Generated<number>;
  partner_id: number | null;
  first_name: string;
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
  role: UserRole;
  password_hash: string | null;
  language: string;
  contact_person_id: number | null;
  active: DbBool;
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
  incoming_activity_type: string;
  outgoing_activity_type: string;
  match_address_types: string;
}

export interface ExchangesTable {
  id: number;
  name: string;
  active: DbBool;
  country_code: string;
  recording_url: string | null;
  use_web_pbx: DbBool;
  outside_line_prefix: string;
  international_prefix: string;
  ami_host: string;
  ami_port: number;
  ami_user: string;
  ami_password: string;
  default_context: string;
  pbx_version: string | null;
  web_host: string | null;
  web_port: number | null;
  timeout_seconds: number;
  line_channel_template: string;
}

export interface ExchangeNumberRulesTable {
  id: Generated<number>;
  exchange_id: number;
  country_prefix: string;
  internal_prefix: string;
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
  active: DbBool;
  log_calls: DbBool;
  auto_close_missed: DbBool;
  auto_close_empty: DbBool;
  auto_connect: DbBool;
  notify_missed: DbBool;
}

export type { CallType };

export interface CallHistoryTable {
  id: Generated<number>;
  exchange_id: number;
  call_id: string;
  line: string;
  participation: number;
  call_type: CallType;
  internal: DbBool;
  transferred: DbBool;
  caller_number: string;
  called_number: string;
  remote_number: string | null;
  contact_person_id: number | null;
  partner_id: number | null;
  responsible_user_id: number | null;
  started_at: DbTime;
  ended_at: DbTime;
  end_estimated: DbBool;
  ring_seconds: DbDecimal;
  talk_seconds: DbDecimal;
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
  done: DbBool;
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
