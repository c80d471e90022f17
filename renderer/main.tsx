// Tokens and shared primitives first, so feature styles (imported by their components) override them.
import './ui/theme.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient, exposeCacheDump } from './api/queryClient';
import { appInfoQuery } from './api/hooks';
import { prefetchFirstScreen } from './api/startup';
import { App } from './App';
import { QuickCreate } from './features/quick-create/QuickCreate';
import { ToastProvider } from './ui/Toast';

const queryClient = createQueryClient();
const quickCreateWindow = window.location.hash === '#quick-create';
// The main window's first screen is one request, already under way (public/first-request.js);
// React renders once it is answered (the finished screen in one pass, no spinner flashing by)
// or after FIRST_RENDER_WAIT_MS, whichever comes first.
const FIRST_RENDER_WAIT_MS = 200;
const answered = quickCreateWindow ? Promise.resolve() : prefetchFirstScreen(queryClient).catch(() => undefined);
// Test hooks only where main allows them (never in packaged builds); the app info comes with the
// first screen, so asking for it costs no request of its own.
void answered
  .then(() => queryClient.fetchQuery(appInfoQuery()))
  .then((info) => {
    if (info.testHooks) exposeCacheDump(queryClient);
  })
  .catch(() => undefined);
if (!quickCreateWindow) await Promise.race([answered, new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS))]);

const container = document.getElementById('root');
if (!container) throw new Error('DevKeys: #root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        {/* The tray's quick-create window loads the same page with this hash. */}
        {quickCreateWindow ? <QuickCreate /> : <App />}
      </ToastProvider>
    </QueryClientProvider>
  </StrictMode>,
);
