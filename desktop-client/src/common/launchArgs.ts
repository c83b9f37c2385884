/**
 * What the shell reads from its command line (pure): the tel: / callto: link
 * it was started with (Windows and Linux pass the link as an argument, to the
 * first instance and, through `second-instance`, to the running one), and
 * the connector whose page it shows (`--connector=URL`).
 */
export const DEFAULT_CONNECTOR_URL = 'http://127.0.0.1:8740/';

/** The first tel: or callto: link among the arguments (the executable and Chromium's switches never are one). */
export function findDialUrl(argv: readonly string[]): string | undefined {
  for (const argument of argv) {
    const candidate = argument.trim();
    if (/^(tel|callto):/i.test(candidate)) return candidate;
  }
  return undefined;
}

export type ConnectorUrl = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

/**
 * The connector's address from `--connector=URL` or `--connector URL` (the
 * last one wins, as with most command lines), or the default. Only http(s)
 * addresses without a user name or password are accepted; the path, query and
 * fragment are dropped, since the desk lives at the connector's root.
 */
export function connectorUrl(argv: readonly string[]): ConnectorUrl {
  let given: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] ?? '';
    if (argument.startsWith('--connector=')) given = argument.slice('--connector='.length);
    else if (argument === '--connector') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) return { ok: false, reason: '--connector needs a URL' };
      given = next;
      i++;
    }
  }
  if (given === undefined) return { ok: true, url: DEFAULT_CONNECTOR_URL };
  return checkConnectorUrl(given);
}

export function checkConnectorUrl(text: string): ConnectorUrl {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, reason: `'${text.slice(0, 100)}' is not a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `the connector is reached over http or https, not ${url.protocol.slice(0, 20)}` };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'the connector URL must not hold a user name or password' };
  return { ok: true, url: `${url.origin}/` };
}

/** The page of the always-on-top pop-up window: the same desk, told by its fragment to show only the pop-ups. */
export function popupUrl(connector: string): string {
  return `${connector}#popup`;
}
