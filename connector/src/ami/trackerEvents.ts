/**
 * What the call tracker needs from a PBX, as AMI Filter whitelist
 * expressions (DESIGN §7.1, §8): the standard channel, dial, bridge, hangup,
 * transfer, hold, queue and agent events of current Asterisk, the start-up
 * and list events, and of all VarSet events only the recording's file name.
 * Everything else (CEL, CDR, RTCP, Newexten, other VarSets: about two thirds
 * of a PBX's AMI traffic) stays on the PBX. Asterisk compiles filters as
 * POSIX extended regular expressions: `[^A-Za-z]` ends a name there (no `\r`).
 */
export const TRACKER_EVENT_PATTERNS: readonly string[] = [
  'Event: (Newchannel|Newstate|NewCallerid|NewConnectedLine|Rename|Hangup|HangupRequest|SoftHangupRequest)[^A-Za-z]',
  'Event: (DialBegin|DialState|DialEnd|BridgeCreate|BridgeEnter|BridgeLeave|BridgeDestroy|BridgeMerge|LocalBridge)[^A-Za-z]',
  'Event: (AttendedTransfer|BlindTransfer|Hold|Unhold|MusicOnHoldStart|MusicOnHoldStop|MixMonitorStart|MixMonitorStop)[^A-Za-z]',
  'Event: (Queue[A-Za-z]*|Agent[A-Za-z]*|OriginateResponse|FullyBooted|Reload|Shutdown)[^A-Za-z]',
  'Variable: MIXMONITOR_FILENAME[^A-Za-z_]',
];

/**
 * The patterns as the one whitelist filter the connection sends. Asterisk
 * applies each Filter action as it comes: with the first whitelist filter
 * in place and the next not yet, the events only the later ones let
 * through (DialBegin, transfers, the recording's name) would be dropped for
 * a moment after every login. One filter has no such moment.
 */
export const TRACKER_EVENT_FILTERS: readonly string[] = [TRACKER_EVENT_PATTERNS.map((p) => `(${p})`).join('|')];
