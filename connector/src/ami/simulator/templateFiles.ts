import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConnectorError } from '../../errors.js';
import { buildTemplate, SCENARIOS, type CallTemplate, type ScenarioName } from './callTemplates.js';
import { parseTrace } from './traceReplay.js';

/** The recordings of a real Asterisk with real phones that simulated calls are made from. */
export const RECORDINGS_DIR = fileURLToPath(new URL('../../../test-fixtures/ami-traces/', import.meta.url));

/** Every scenario's template, from `<scenario>.jsonl` and `<scenario>.actions.json`. */
export function loadTemplates(dir: string = RECORDINGS_DIR): Map<ScenarioName, CallTemplate> {
  const templates = new Map<ScenarioName, CallTemplate>();
  for (const scenario of Object.keys(SCENARIOS) as ScenarioName[]) {
    const trace = parseTrace(readFileSync(path.join(dir, `${scenario}.jsonl`), 'utf8'));
    if (!trace.ok) throw new ConnectorError('SIMULATOR_TEMPLATE', `the recording ${scenario}.jsonl cannot be read: ${trace.error}`);
    const actions = (JSON.parse(readFileSync(path.join(dir, `${scenario}.actions.json`), 'utf8')) as { actions: { t: number; text: string }[] }).actions;
    templates.set(scenario, buildTemplate(scenario, trace.events, actions));
  }
  return templates;
}
