// The big screen's live link: an EventSource on /api/screen/stream (Server-Sent Events). Each
// "changed" fetches the figures again; a "ready" after a reconnect does too (saves made while
// the link was down were not heard). A stream the server ended for good (signed out, 401)
// makes the session be asked again, which sends a signed-out screen to the login page.
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { meQueryOptions } from '../../auth/api/session.ts';
import { screenQueryOptions } from './get-screen.ts';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

/** How long to wait before opening a stream the browser gave up on (a 502 while the server restarts). */
const REOPEN_MS = 5_000;

export function useScreenStream(): StreamStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>('connecting');
  useEffect(() => {
    let source: EventSource | null = null;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    let hasBeenLive = false;
    const refetch = () => void queryClient.invalidateQueries({ queryKey: screenQueryOptions().queryKey });
    const open = () => {
      const next = new EventSource('/api/screen/stream');
      source = next;
      next.addEventListener('ready', () => {
        setStatus('live');
        if (hasBeenLive) refetch();
        hasBeenLive = true;
      });
      next.addEventListener('changed', refetch);
      next.addEventListener('signed-out', () => {
        next.close();
        void queryClient.invalidateQueries({ queryKey: meQueryOptions().queryKey });
      });
      next.onerror = () => {
        setStatus('reconnecting');
        if (next.readyState !== EventSource.CLOSED) return; // the browser retries by itself
        void queryClient.invalidateQueries({ queryKey: meQueryOptions().queryKey });
        reopen = setTimeout(open, REOPEN_MS);
      };
    };
    open();
    return () => {
      clearTimeout(reopen);
      source?.close();
    };
  }, [queryClient]);
  return status;
}
