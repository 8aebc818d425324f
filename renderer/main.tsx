import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import { reportLog } from './platform/vaxel';

initI18n();

// Nothing may fail silently (P-FAST needs a working console): uncaught errors go to main's log, by class only.
window.addEventListener('error', (e) => reportLog({ level: 'error', code: 'renderer.uncaught', detail: { error: e.error instanceof Error ? e.error.name : 'unknown' } }));
window.addEventListener('unhandledrejection', (e) =>
  reportLog({ level: 'error', code: 'renderer.unhandled-rejection', detail: { error: e.reason instanceof Error ? e.reason.name : typeof e.reason } }),
);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
