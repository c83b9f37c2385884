import type { JSX } from 'react';
import type { CallListFilter } from '@cc/protocol';
import { dial, loadCalls } from '../actions.js';
import { useDesk } from '../store.js';
import { useT } from './useT.js';

/** The user's calls with the preset filters; missed calls say whether someone called back, and who. */
export function CallsView(): JSX.Element {
  const t = useT();
  const calls = useDesk((s) => s.calls);
  const filter = useDesk((s) => s.filter);
  const highlight = useDesk((s) => s.highlightCall);
  const manager = useDesk((s) => s.session?.user.role !== 'user');
  const filters: readonly [CallListFilter, string][] = [
    ['mine', t.t('filterMine')], ['missed', t.t('filterMissed')], ['today', t.t('filterToday')], ...(manager ? [['all', t.t('filterAll')] as [CallListFilter, string]] : []),
  ];
  return (
    <section className="calls">
      <div className="filters" role="group">
        {filters.map(([id, label]) => (
          <button key={id} type="button" aria-pressed={filter === id} data-testid={`filter-${id}`} onClick={() => void loadCalls(id)}>{label}</button>
        ))}
      </div>
      {calls.length === 0 ? <p className="muted">{t.t('noCalls')}</p> : (
        <table data-testid="calls-table">
          <thead><tr><th>{t.t('when')}</th><th>{t.t('type')}</th><th>{t.t('who')}</th><th>{t.t('partner')}</th><th>{t.t('line')}</th><th>{t.t('talkTime')}</th><th /></tr></thead>
          <tbody>
            {calls.map((c) => (
              <tr key={c.callHistoryId} className={`${c.type}${highlight === c.callHistoryId ? ' highlight' : ''}`} data-testid="call-row" data-call-history-id={c.callHistoryId}>
                <td>{t.dateTime(c.startedAt)}</td>
                <td>{t.callType(c.type)}</td>
                <td>{c.contactName ?? c.remoteDisplay}{c.contactName !== null && <div className="muted">{c.remoteDisplay}</div>}</td>
                <td>{c.partnerName ?? ''}</td>
                <td>{c.line}{c.userName !== null && <div className="muted">{c.userName}</div>}</td>
                <td>{t.duration(c.talkSeconds)}</td>
                <td>
                  {c.type === 'missed' && (
                    <div className="muted" data-testid="called-back">{c.calledBack === null ? t.t('notCalledBack') : t.t('calledBackBy', { when: t.dateTime(c.calledBack.at), who: c.calledBack.by ?? '?' })}</div>
                  )}
                  {c.remoteNumber !== null && <button type="button" onClick={() => void dial(c.remoteNumber ?? '')} data-testid="call-back">{t.t('callBack')}</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
