import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './i18n';
import { restoreSessionOnStart } from './lib/api';

// Start restoring the session from the refresh cookie before React renders: by the time the
// first route asks, the answer is usually already on its way.
void restoreSessionOnStart();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
// The first render waits for the language (English is a separate download) to avoid a flash of Korean.
void initI18n().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
