import type { JSX } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { everyDay, partnerMinutes } from '../../common/chartData.js';
import { useDesk } from '../store.js';
import { useT } from './useT.js';

const COLOURS = { received: '#2e7d32', missed: '#c62828', outgoing: '#1565c0', talk: '#6a1b9a' } as const;
const DAYS = 30;

/** The K2 charts: the user's calls by type, and talk time by partner; each as bars or lines. */
export function ChartsView(): JSX.Element {
  const t = useT();
  const stats = useDesk((s) => s.stats);
  const kind = useDesk((s) => s.chartKind);
  if (stats === null) return <p className="muted">…</p>;
  const today = new Date().toLocaleDateString('en-CA');
  const days = everyDay(stats.byDay, today, DAYS).map((d) => ({ ...d, label: t.date(`${d.day}T12:00:00Z`) }));
  const partners = partnerMinutes(stats.byPartner, 10);
  const toggle = (
    <div className="filters" role="group">
      {(['bar', 'line'] as const).map((k) => (
        <button key={k} type="button" aria-pressed={kind === k} data-testid={`chart-${k}`} onClick={() => { useDesk.setState({ chartKind: k }); }}>
          {k === 'bar' ? t.t('bar') : t.t('lineChart')}
        </button>
      ))}
    </div>
  );
  const series = (['received', 'missed', 'outgoing'] as const);
  return (
    <section className="charts">
      {toggle}
      <h3>{t.t('callsByType')}</h3>
      <div className="chart" data-testid="chart-calls">
        <ResponsiveContainer width="100%" height={260}>
          {kind === 'bar' ? (
            <BarChart data={days}>
              <CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="label" /><YAxis allowDecimals={false} /><Tooltip /><Legend />
              {series.map((s) => <Bar key={s} dataKey={s} name={t.t(s)} stackId="calls" fill={COLOURS[s]} isAnimationActive={false} />)}
            </BarChart>
          ) : (
            <LineChart data={days}>
              <CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="label" /><YAxis allowDecimals={false} /><Tooltip /><Legend />
              {series.map((s) => <Line key={s} dataKey={s} name={t.t(s)} stroke={COLOURS[s]} dot={false} isAnimationActive={false} />)}
            </LineChart>
          )}
        </ResponsiveContainer>
      </div>
      <h3>{t.t('talkByPartner')} ({t.t('minutes')})</h3>
      <div className="chart" data-testid="chart-partners">
        <ResponsiveContainer width="100%" height={260}>
          {kind === 'bar' ? (
            <BarChart data={partners}>
              <CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="partner" interval={0} angle={-25} textAnchor="end" height={70} tick={{ fontSize: 11 }} /><YAxis /><Tooltip />
              <Bar dataKey="minutes" name={t.t('talkTime')} fill={COLOURS.talk} isAnimationActive={false} />
            </BarChart>
          ) : (
            <LineChart data={partners}>
              <CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="partner" interval={0} angle={-25} textAnchor="end" height={70} tick={{ fontSize: 11 }} /><YAxis /><Tooltip />
              <Line dataKey="minutes" name={t.t('talkTime')} stroke={COLOURS.talk} isAnimationActive={false} />
            </LineChart>
          )}
        </ResponsiveContainer>
      </div>
    </section>
  );
}
