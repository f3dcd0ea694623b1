import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './lib/i18n.ts';
import './app/styles.css';
import { installSelectKeyboard } from './lib/select-keyboard.ts';
import { AppProvider } from './app/provider.tsx';
import { AppRouter } from './app/router.tsx';
import { UpdatePrompt } from './pwa/update-prompt.tsx';

installSelectKeyboard();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider>
      <AppRouter />
      <UpdatePrompt />
    </AppProvider>
  </StrictMode>,
);
