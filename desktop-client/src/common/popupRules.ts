import type { CallGoneMessage, DeskLine } from '@cc/protocol';

/**
 * What a pop-up does when its call is over for its line (pure), as the
 * K2 line settings say:
 * - a colleague answered a ring-all call: it closes at once;
 * - a missed call: it closes by itself if the line auto-closes missed-call
 *   forms, else it stays (with "call back");
 * - a call that was up: it closes at hangup if the line auto-closes empty
 *   forms and nothing was written or saved, else it stays for the user to finish.
 */
export interface FormState {
  readonly note: string;
  readonly saved: boolean;
}

export type PopupOutcome = { readonly close: true } | { readonly close: false; readonly ended: 'missed' | 'finished' };

export function afterCallGone(gone: Pick<CallGoneMessage, 'reason' | 'missed'>, line: Pick<DeskLine, 'autoCloseMissed' | 'autoCloseEmpty'> | undefined, form: FormState): PopupOutcome {
  if (gone.reason === 'answered-elsewhere') return { close: true };
  if (gone.missed) return line?.autoCloseMissed === true ? { close: true } : { close: false, ended: 'missed' };
  const empty = form.note.trim() === '' && !form.saved;
  return line?.autoCloseEmpty === true && empty ? { close: true } : { close: false, ended: 'finished' };
}
