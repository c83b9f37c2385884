import { ConnectorError } from '../../errors.js';
import { Secret } from '../../secret.js';
import type { Database } from '../database.js';
import { toBool } from '../sqlValues.js';

export const RECORDER_LINE = '000';

export interface ContactCenterSettings {
  readonly incomingActivityType: string;
  readonly outgoingActivityType: string;
  /** Electronic-address types the matcher looks numbers up in (default only TELCC). */
  readonly matchAddressTypes: readonly string[];
}

export interface NumberRule {
  readonly countryPrefix: string;
  readonly internalPrefix: string;
  readonly extensionPattern: string;
  readonly exampleNumber: string | null;
  readonly exampleExtension: string | null;
}

export interface LineConfig {
  readonly line: string;
  readonly userId: number | null;
  readonly userCode: string | null;
  readonly userName: string | null;
  readonly contactPersonId: number | null;
  readonly phoneNumber: string | null;
  readonly active: boolean;
  readonly logCalls: boolean;
  readonly autoCloseMissed: boolean;
  readonly autoCloseEmpty: boolean;
  readonly autoConnect: boolean;
  readonly notifyMissed: boolean;
}

export interface ExchangeConfig {
  readonly id: number;
  readonly name: string;
  readonly countryCode: string;
  readonly recordingUrl: string | null;
  readonly useWebPbx: boolean;
  readonly outsideLinePrefix: string;
  readonly internationalPrefix: string;
  readonly ami: { readonly host: string; readonly port: number; readonly user: string; readonly password: Secret };
  readonly defaultContext: string;
  readonly pbxVersion: string | null;
  readonly webHost: string | null;
  readonly webPort: number | null;
  readonly timeoutSeconds: number;
  readonly lineChannelTemplate: string;
  readonly numberRules: readonly NumberRule[];
  readonly lines: readonly LineConfig[];
}

export interface RecorderConfig {
  readonly recorder: { readonly userId: number; readonly userCode: string; readonly exchangeId: number };
  readonly settings: ContactCenterSettings;
  readonly exchanges: readonly ExchangeConfig[];
}

export const DEFAULT_SETTINGS: ContactCenterSettings = {
  incomingActivityType: 'TEP',
  outgoingActivityType: 'TEV',
  matchAddressTypes: ['TELCC'],
};

/**
 * Everything the recorder needs, reached the K2 way: the ERP user named by
 * CCUSER, its line 000, the contact-center settings, and every active
 * exchange with its external-number rules and lines.
 */
export async function loadRecorderConfig(database: Database, ccUser: string): Promise<RecorderConfig> {
  const { db } = database;
  const code = ccUser.trim().toUpperCase();
  const user = await db.selectFrom('users').select(['id', 'code', 'active']).where('code', '=', code).executeTakeFirst();
  if (user === undefined) {
    throw new ConnectorError(
      'RECORDER_NOT_FOUND',
      `the ERP user '${code}' (K2.ini CCUSER) does not exist in the users book; create it with a line ${RECORDER_LINE}`,
    );
  }
  if (!toBool(user.active)) {
    throw new ConnectorError('RECORDER_NOT_FOUND', `the ERP user '${code}' (K2.ini CCUSER) is not active`);
  }
  const recorderLine = await db
    .selectFrom('lines')
    .select(['exchange_id'])
    .where('user_id', '=', user.id)
    .where('line', '=', RECORDER_LINE)
    .executeTakeFirst();
  if (recorderLine === undefined) {
    throw new ConnectorError(
      'RECORDER_NOT_FOUND',
      `the ERP user '${code}' has no line ${RECORDER_LINE}; add it in the lines book of the exchange the recorder serves`,
    );
  }

  const settingsRow = await db.selectFrom('cc_settings').selectAll().where('id', '=', 1).executeTakeFirst();
  const settings: ContactCenterSettings =
    settingsRow === undefined
      ? DEFAULT_SETTINGS
      : {
          incomingActivityType: settingsRow.incoming_activity_type,
          outgoingActivityType: settingsRow.outgoing_activity_type,
          matchAddressTypes: splitList(settingsRow.match_address_types),
        };

  const exchanges = await db.selectFrom('exchanges').selectAll().where('active', '=', 1).orderBy('id').execute();
  if (!exchanges.some((e) => e.id === recorderLine.exchange_id)) {
    throw new ConnectorError(
      'RECORDER_NOT_FOUND',
      `the exchange ${recorderLine.exchange_id} of ${code}'s line ${RECORDER_LINE} is not active; activate it in the Exchanges book`,
    );
  }
  const exchangeIds = exchanges.map((e) => e.id);
  const rules =
    exchangeIds.length === 0
      ? []
      : await db
          .selectFrom('exchange_number_rules')
          .selectAll()
          .where('exchange_id', 'in', exchangeIds)
          .orderBy('id')
          .execute();
  const lines =
    exchangeIds.length === 0
      ? []
      : await db
          .selectFrom('lines')
          .leftJoin('users', 'users.id', 'lines.user_id')
          .select([
            'lines.exchange_id',
            'lines.line',
            'lines.user_id',
            'users.code as user_code',
            'users.full_name as user_name',
            'lines.contact_person_id',
            'lines.phone_number',
            'lines.active',
            'lines.log_calls',
            'lines.auto_close_missed',
            'lines.auto_close_empty',
            'lines.auto_connect',
            'lines.notify_missed',
          ])
          .where('lines.exchange_id', 'in', exchangeIds)
          .where('lines.line', '<>', RECORDER_LINE)
          .orderBy('lines.line')
          .execute();

  return {
    recorder: { userId: user.id, userCode: user.code, exchangeId: recorderLine.exchange_id },
    settings,
    exchanges: exchanges.map((e) => ({
      id: e.id,
      name: e.name,
      countryCode: e.country_code,
      recordingUrl: e.recording_url,
      useWebPbx: toBool(e.use_web_pbx),
      outsideLinePrefix: e.outside_line_prefix,
      internationalPrefix: e.international_prefix,
      ami: { host: e.ami_host, port: e.ami_port, user: e.ami_user, password: new Secret(e.ami_password) },
      defaultContext: e.default_context,
      pbxVersion: e.pbx_version,
      webHost: e.web_host,
      webPort: e.web_port,
      timeoutSeconds: e.timeout_seconds,
      lineChannelTemplate: e.line_channel_template,
      numberRules: rules
        .filter((r) => r.exchange_id === e.id)
        .map((r) => ({
          countryPrefix: r.country_prefix,
          internalPrefix: r.internal_prefix,
          extensionPattern: r.extension_pattern,
          exampleNumber: r.example_number,
          exampleExtension: r.example_extension,
        })),
      lines: lines
        .filter((l) => l.exchange_id === e.id)
        .map((l) => ({
          line: l.line,
          userId: l.user_id,
          userCode: l.user_code,
          userName: l.user_name,
          contactPersonId: l.contact_person_id,
          phoneNumber: l.phone_number,
          active: toBool(l.active),
          logCalls: toBool(l.log_calls),
          autoCloseMissed: toBool(l.auto_close_missed),
          autoCloseEmpty: toBool(l.auto_close_empty),
          autoConnect: toBool(l.auto_connect),
          notifyMissed: toBool(l.notify_missed),
        })),
    })),
  };
}

function splitList(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((t) => t.trim().toUpperCase())
    .filter((t) => t !== '');
}
