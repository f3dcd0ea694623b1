// The service worker (vite-plugin-pwa, registerType 'prompt') and the banner that offers a new
// build. A new service worker installs in the background and then waits: the open page keeps
// running the files of its own build (from the old precache) until the user presses 刷新, which
// activates the new worker and reloads once it controls the page. Nothing reloads by itself.
// The banner (Ant Design) loads only when a new build is there: the login page carries no antd.
import { lazy, Suspense } from 'react';
import { useRegisterSW } from 'virtual:pwa-register/react';

const UpdateBanner = lazy(() => import('./update-banner.tsx'));

/** How often an open page asks the server for a new build (every visit asks too). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    // After the page's load event: the precache downloads do not compete with the first screen.
    immediate: false,
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      setInterval(() => {
        if (navigator.onLine && !registration.installing) void registration.update();
      }, UPDATE_CHECK_MS);
    },
  });
  if (!needRefresh) return null;
  return (
    <Suspense fallback={null}>
      <UpdateBanner onRefresh={() => void updateServiceWorker(true)} onLater={() => setNeedRefresh(false)} />
    </Suspense>
  );
}
