// The signed-in user. A 401 anywhere clears it, and the router sends the user
// to the login page, then back to where they were.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Login, SessionUser } from '@pufa/domain';
import { apiFetch, ApiRequestError } from '../../../lib/api-client.ts';
import { sessionLostHandled } from '../../../lib/react-query.ts';

export const meQueryOptions = () =>
  queryOptions({
    queryKey: ['auth', 'me'],
    queryFn: async () => {
      try {
        return await apiFetch<SessionUser>('/auth/me');
      } catch (error) {
        // Records wait on the device: the outbox's dialog asks for the password; the user stays.
        if (error instanceof ApiRequestError && error.status === 401) {
          if (sessionLostHandled()) throw error;
          return null;
        }
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });

export const useMe = () => useQuery(meQueryOptions());

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Login) => apiFetch<SessionUser>('/auth/login', { method: 'POST', body: credentials }),
    onSuccess: (user) => {
      // Another user may have been signed in on this browser: drop what they saw.
      queryClient.clear();
      queryClient.setQueryData(meQueryOptions().queryKey, user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>('/auth/logout', { method: 'POST' }),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(meQueryOptions().queryKey, null);
    },
  });
}
