import { createRoot } from 'react-dom/client';
import { boot } from './actions.js';
import { App } from './components/App.js';

const root = document.getElementById('root');
// The Electron shell's always-on-top window loads the same page with #popup: it shows only the pop-ups.
if (window.location.hash === '#popup') document.body.classList.add('popup-window');
if (root !== null) {
  createRoot(root).render(<App />);
  boot();
}
