import { useSyncExternalStore } from 'react';

// Narrower than Ant Design's md breakpoint (768 px). Read from matchMedia on the first render:
// Grid.useBreakpoint answers only after mounting, so a phone first drew the desktop table and
// then swapped it for cards, a large layout shift.
const PHONE = '(max-width: 767.98px)';

const subscribe = (onChange: () => void) => {
  const query = window.matchMedia(PHONE);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};

export function useIsPhone(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(PHONE).matches);
}
