import { createRoot } from 'react-dom/client';
import { boot } from './actions.js';
import { App } from './components/App.js';
import { useDesk } from './store.js';

const root = document.getElementById('root');
// The Electron shell's always-on-top window loads the same page with #popup: it shows only the pop-ups.
if (window.location.hash === '#popup') document.body.classList.add('popup-window');
// The page's language follows the user's (screen readers, hyphenation, the browser's own controls).
document.documentElement.lang = useDesk.getState().language;
useDesk.subscribe((s) => {
  document.documentElement.lang = s.language;
});
if (root !== null) {
  createRoot(root).render(<App />);
  boot();
}
