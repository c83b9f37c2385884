import { DESK_LANGUAGES, type DeskLanguage, type DeskRole } from '@cc/protocol';
import type { Database } from '../database.js';
import { toBool, toDate, toDateOrNull } from '../sqlValues.js';

export interface LoginUser {
  readonly id: number;
  readonly code: string;
  readonly fullName: string;
  readonly role: DeskRole | 'service';
  readonly language: DeskLanguage;
  readonly passwordHash: string | null;
  readonly active: boolean;
}

/** A user by the code they log in with (K2 user names are upper case; people type them any way). */
export function findLoginUser(database: Database, code: string): Promise<LoginUser | undefined> {
  return findUser(database, { code: code.trim().toUpperCase() });
}

/** The user of a session (every hello and every recheck of an open desk). */
export function findUserById(database: Database, id: number): Promise<LoginUser | undefined> {
  return findUser(database, { id });
}

async function findUser(database: Database, key: { readonly id: number } | { readonly code: string }): Promise<LoginUser | undefined> {
  const query = database.db.selectFrom('users').select(['id', 'code', 'full_name', 'role', 'language', 'password_hash', 'active']);
  const row = await ('id' in key ? query.where('id', '=', key.id) : query.where('code', '=', key.code)).executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    id: row.id, code: row.code, fullName: row.full_name, role: row.role,
    language: DESK_LANGUAGES.find((l) => l === row.language) ?? 'cs',
    passwordHash: row.password_hash, active: toBool(row.active),
  };
}

export async function setPasswordHash(database: Database, userId: number, hash: string): Promise<void> {
  await database.db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
}

export async function setLanguage(database: Database, userId: number, language: DeskLanguage): Promise<void> {
  await database.db.updateTable('users').set({ language }).where('id', '=', userId).execute();
}

export interface StoredSession {
  readonly userId: number;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
}

export async function insertSession(database: Database, tokenHash: string, userId: number, now: Date, expiresAt: Date): Promise<void> {
  const time = (d: Date): string => database.dialect.encodeTime(d);
  await database.db.insertInto('desk_sessions').values({ token_hash: tokenHash, user_id: userId, created_at: time(now), expires_at: time(expiresAt), revoked_at: null }).execute();
}

export async function findSession(database: Database, tokenHash: string): Promise<StoredSession | undefined> {
  const row = await database.db.selectFrom('desk_sessions').select(['user_id', 'expires_at', 'revoked_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
  return row === undefined ? undefined : { userId: row.user_id, expiresAt: toDate(row.expires_at), revokedAt: toDateOrNull(row.revoked_at) };
}

export async function revokeSession(database: Database, tokenHash: string, now: Date): Promise<void> {
  await database.db.updateTable('desk_sessions').set({ revoked_at: database.dialect.encodeTime(now) }).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).execute();
}

/** Every open session of a user (a new password, or `connector user revoke`); returns how many. */
export async function revokeUserSessions(database: Database, userId: number, now: Date): Promise<number> {
  const result = await database.db
    .updateTable('desk_sessions')
    .set({ revoked_at: database.dialect.encodeTime(now) })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', database.dialect.encodeTime(now))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
