import { useState, type ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from '../lib/react-query.ts';

/**
 * What every page shares, the login page included: the query client (the signed-in user lives in
 * it). Ant Design's theme and locale wrap the signed-in pages only (app/antd-provider.tsx), so the
 * first screen of a new visit loads without Ant Design.
 */
export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
