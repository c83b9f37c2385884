import type { JSX } from 'react';
import { useDesk } from '../store.js';
import { CallsView } from './CallsView.js';
import { ChartsView } from './ChartsView.js';
import { ContactsView } from './ContactsView.js';
import { DialBox } from './DialBox.js';
import { Header } from './Header.js';
import { LoginView } from './LoginView.js';
import { NotificationsView } from './NotificationsView.js';
import { PopupCard } from './PopupCard.js';
import { Tabs } from './Tabs.js';
import { Banner } from './Banner.js';

export function App(): JSX.Element {
  const session = useDesk((s) => s.session);
  const popups = useDesk((s) => s.popups);
  const view = useDesk((s) => s.view);
  if (session === null) return <LoginView />;
  return (
    <div className="desk">
      <Header />
      <Banner />
      {popups.length > 0 && (
        <section className="popups" aria-label="calls">
          {popups.map((p) => <PopupCard key={p.key} popup={p} />)}
        </section>
      )}
      <DialBox />
      <Tabs />
      <main>
        {view === 'calls' && <CallsView />}
        {view === 'contacts' && <ContactsView />}
        {view === 'charts' && <ChartsView />}
        {view === 'notifications' && <NotificationsView />}
      </main>
    </div>
  );
}
