// Tokens and shared primitives first, so feature styles (imported by their components) override them.
import './ui/theme.css';
import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient, exposeCacheDump } from './api/queryClient';
import { appInfoQuery } from './api/hooks';
import { prefetchFirstScreen } from './api/startup';
import { App } from './App';
import { lazyPart, preloadLazyParts } from './ui/lazyPart';
import { ToastProvider } from './ui/Toast';

const QuickCreate = lazyPart(() => import('./features/quick-create/QuickCreate').then((m) => m.QuickCreate));

const queryClient = createQueryClient();
const quickCreateWindow = window.location.hash === '#quick-create';
// The main window's first screen is one request, already under way (the preload sent it);
// React renders once it is answered (the finished screen in one pass, no spinner flashing by)
// or after FIRST_RENDER_WAIT_MS, whichever comes first.
const FIRST_RENDER_WAIT_MS = 200;
const answered = quickCreateWindow
  ? QuickCreate.preload()
  : prefetchFirstScreen(queryClient).catch(() => undefined);
// Test hooks only where main allows them (never in packaged builds); the app info comes with the
// first screen, so asking for it costs no request of its own.
void answered
  .then(() => queryClient.fetchQuery(appInfoQuery()))
  .then((info) => {
    if (info.testHooks) exposeCacheDump(queryClient);
  })
  .catch(() => undefined);
await Promise.race([answered, new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS))]);

const container = document.getElementById('root');
if (!container) throw new Error('DevKeys: #root is missing from index.html');

// Rendered at once, in this task: the data is here and the page has nothing else to do.
const root = createRoot(container);
flushSync(() =>
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>
          {/* The tray's quick-create window loads the same page with this hash. */}
          {quickCreateWindow ? <QuickCreate /> : <App />}
        </ToastProvider>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
// Every part the first screen does not show, fetched in the background once it is painted.
if (!quickCreateWindow) preloadLazyParts();
