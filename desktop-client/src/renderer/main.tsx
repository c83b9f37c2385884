import { createRoot } from 'react-dom/client';
import { boot } from './actions.js';
import { App } from './components/App.js';

const root = document.getElementById('root');
if (root !== null) {
  createRoot(root).render(<App />);
  boot();
}
