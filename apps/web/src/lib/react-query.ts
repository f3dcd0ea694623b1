import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiRequestError } from './api-client.ts';

export function createQueryClient() {
  // A 401 means the session ended (expired, or signed out elsewhere): forget the
  // user, and the router takes them to the login page and back.
  const onError = (error: unknown) => {
    if (error instanceof ApiRequestError && error.status === 401) queryClient.setQueryData(['auth', 'me'], null);
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
