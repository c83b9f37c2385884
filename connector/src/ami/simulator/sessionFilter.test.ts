import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPosixExtended, SessionFilter } from './sessionFilter.js';

test('filters are read as POSIX extended regular expressions, as Asterisk reads them', () => {
  for (const ok of ['Event: (Newchannel|Hangup)[^A-Za-z]', 'Channel: PJSIP/[0-9]+', 'Variable: MIXMONITOR\\.', 'Queue[A-Za-z]*']) assert.equal(isPosixExtended(ok), true, ok);
  for (const bad of ['Channel: PJSIP/\\d+', 'Event: Hangup\\r', '(?:Hangup)', 'Event: .*?Bridge', '\\bHangup']) assert.equal(isPosixExtended(bad), false, bad);
  const filter = new SessionFilter();
  assert.equal(filter.addFilter('!Channel: PJSIP/\\d+'), false);
  assert.equal(filter.addFilter('Event: ('), false, 'a regular expression that does not compile');
});

test('mask and filters decide together: whitelist, blacklist, classes', () => {
  const filter = new SessionFilter();
  filter.addFilter('Event: (Newchannel|Hangup)[^A-Za-z]');
  filter.addFilter('!Channel: PJSIP/trunk');
  assert.equal(filter.wants([['Event', 'Newchannel'], ['Privilege', 'call,all'], ['Channel', 'PJSIP/201-1']]), true);
  assert.equal(filter.wants([['Event', 'Newchannel'], ['Privilege', 'call,all'], ['Channel', 'PJSIP/trunk-1']]), false);
  assert.equal(filter.wants([['Event', 'VarSet'], ['Privilege', 'dialplan,all']]), false);
  filter.setMask('agent');
  assert.equal(filter.wants([['Event', 'Hangup'], ['Privilege', 'call,all'], ['Channel', 'PJSIP/201-1']]), false, 'not in the event classes asked for');
  filter.setMask('off');
  assert.equal(filter.wants([['Event', 'Hangup'], ['Privilege', 'call,all']]), false);
});
