/** Call-history aggregates as the connector serves them to the dashboards. */
export type CallType = 'received' | 'missed' | 'outgoing';

export interface HistoryBucket {
  /** The UTC hour the calls started in, `YYYY-MM-DDTHH`; charts re-bucket it into local time. */
  readonly utcHour: string;
  readonly type: CallType;
  readonly internal: boolean;
  /** The user or partner id for a per-user or per-partner aggregate; null otherwise. */
  readonly key: number | null;
  /** Distinct calls (a missed call that rang three lines counts once). */
  readonly calls: number;
  /** Rows, one per line that took part. */
  readonly rows: number;
  readonly talkSeconds: number;
  readonly ringSeconds: number;
}
