import { createHash, randomBytes } from 'node:crypto';
import type { DeskError, DeskUser, LoginResponse } from '@cc/protocol';
import type { Database } from '../db/database.js';
import { findLoginUser, findSession, findUserById, insertSession, revokeSession } from '../db/repositories/deskUsersRepository.js';
import { DEFAULT_THROTTLE, LoginThrottle } from './loginThrottle.js';
import { hashPassword, verifyPassword } from './passwords.js';

export type LoginResult = { readonly ok: true; readonly response: LoginResponse } | { readonly ok: false; readonly error: DeskError };
export type SessionCheck = { readonly ok: true; readonly user: DeskUser; readonly expiresAt: Date } | { readonly ok: false; readonly error: DeskError };

/** Session tokens: random, handed out once, stored only as their SHA-256. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

let dummy: Promise<string> | undefined;
const dummyHash = (): Promise<string> => (dummy ??= hashPassword(randomBytes(16).toString('hex')));

const LOGIN_FAILED: DeskError = { code: 'LOGIN_FAILED', message: 'wrong user name or password' };

/**
 * Logins and sessions for the desk. A wrong user name, a wrong password, a
 * user without a desk password, an inactive user and the service user all
 * get the same answer, and repeated failures are slowed down.
 */
export class DeskSessions {
  // A user name is slowed down after a few failures; an address only after many (colleagues behind one
  // terminal server or proxy share it, and one of them mistyping must not lock the others out).
  private readonly byUser = new LoginThrottle();
  private readonly byAddress = new LoginThrottle({ ...DEFAULT_THROTTLE, freeFailures: 20 });

  constructor(
    private readonly database: Database,
    private readonly sessionHours: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async login(userName: string, password: string, address: string): Promise<LoginResult> {
    const userKey = userName.trim().toUpperCase();
    const nowMs = this.now().getTime();
    const wait = Math.max(this.byUser.waitMs([userKey], nowMs), this.byAddress.waitMs([address], nowMs));
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      return { ok: false, error: { code: 'LOGIN_THROTTLED', message: `too many failed logins; try again in ${seconds} s`, retryAfterSeconds: seconds } };
    }
    // Counted as a failure before it is checked, so that logins sent side by side cannot all slip
    // through before the first one is counted; a success takes it back.
    this.byUser.failed([userKey], nowMs);
    this.byAddress.failed([address], nowMs);
    const user = await findLoginUser(this.database, userName);
    // An unknown user costs the same scrypt as a known one: the answer's timing does not tell which names exist.
    const verified = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
    if (user === undefined || !user.active || user.role === 'service' || user.passwordHash === null || !verified) return { ok: false, error: LOGIN_FAILED };
    this.byUser.succeeded(userKey);
    this.byAddress.forgiveOne(address);
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = new Date(now.getTime() + this.sessionHours * 3_600_000);
    await insertSession(this.database, tokenHash(token), user.id, now, expiresAt);
    const deskUser: DeskUser = { id: user.id, code: user.code, fullName: user.fullName, role: user.role, language: user.language };
    return { ok: true, response: { token, expiresAt: expiresAt.toISOString(), user: deskUser } };
  }

  async check(token: string): Promise<SessionCheck> {
    const session = await findSession(this.database, tokenHash(token));
    if (session === undefined) return { ok: false, error: { code: 'NOT_AUTHENTICATED', message: 'unknown session token; log in again' } };
    if (session.revokedAt !== null) return { ok: false, error: { code: 'SESSION_REVOKED', message: 'the session was ended; log in again' } };
    if (session.expiresAt.getTime() <= this.now().getTime()) return { ok: false, error: { code: 'SESSION_EXPIRED', message: 'the session has expired; log in again' } };
    const user = await findUserById(this.database, session.userId);
    if (user === undefined || !user.active || user.role === 'service') {
      return { ok: false, error: { code: 'SESSION_REVOKED', message: 'the user may no longer log in' } };
    }
    return { ok: true, expiresAt: session.expiresAt, user: { id: user.id, code: user.code, fullName: user.fullName, role: user.role, language: user.language } };
  }

  async logout(token: string): Promise<void> {
    await revokeSession(this.database, tokenHash(token), this.now());
  }
}
