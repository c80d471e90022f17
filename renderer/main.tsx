import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient, exposeCacheDump } from './api/queryClient';
import { prefetchFirstScreen } from './api/startup';
import { App } from './App';
import { QuickCreate } from './features/quick-create/QuickCreate';
import { ToastProvider } from './ui/Toast';
import './ui/theme.css';

const queryClient = createQueryClient();
exposeCacheDump(queryClient);
// The main window's first requests start now, not after React's first render.
if (window.location.hash !== '#quick-create') prefetchFirstScreen(queryClient);

const container = document.getElementById('root');
if (!container) throw new Error('DevKeys: #root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        {/* The tray's quick-create window loads the same page with this hash. */}
        {window.location.hash === '#quick-create' ? <QuickCreate /> : <App />}
      </ToastProvider>
    </QueryClientProvider>
  </StrictMode>,
);
