import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiRequestError } from './api-client.ts';

/**
 * Who else wants a 401 first: the outbox (offline/sync.ts), which, while records
 * wait on the device, asks for the password in a dialog over the page instead of
 * signing the app out to the login page. True: handled.
 */
let sessionLost: (() => boolean) | null = null;
export const setSessionLostHandler = (handler: (() => boolean) | null) => {
  sessionLost = handler;
};

/** A 401 the outbox's sign-in dialog takes (the user stays on the page, signed in as far as the screens go). */
export const sessionLostHandled = () => !!sessionLost?.();

export function createQueryClient() {
  // A 401 means the session ended (expired, or signed out elsewhere): forget the
  // user, and the router takes them to the login page and back.
  const onError = (error: unknown) => {
    if (error instanceof ApiRequestError && error.status === 401 && !sessionLostHandled()) queryClient.setQueryData(['auth', 'me'], null);
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      // Run even when the browser says offline: a read is then answered from the device
      // (offline/device-data.ts), and a write goes to the outbox instead of waiting paused.
      mutations: { networkMode: 'always' },
      queries: {
        networkMode: 'always',
        staleTime: 30_000,
        // A 4xx will not get better by asking again.
        retry: (failureCount, error) => !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500) && failureCount < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
  return queryClient;
}
