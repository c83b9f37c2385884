import type { JSX } from 'react';
import { dismissBanner } from '../actions.js';
import { useDesk } from '../store.js';
import { useT } from './useT.js';

export function Banner(): JSX.Element | null {
  const banner = useDesk((s) => s.banner);
  const link = useDesk((s) => s.link);
  const t = useT();
  if (link === 'reconnecting') return <div className="banner warn" role="status">{t.t('reconnecting')}</div>;
  if (banner === null) return null;
  return (
    <div className="banner error" role="alert" data-testid="banner">
      {banner} <button type="button" onClick={dismissBanner}>{t.t('close')}</button>
    </div>
  );
}
