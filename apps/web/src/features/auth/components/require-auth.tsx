import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { paths } from '../../../config/paths.ts';
import { useMe } from '../api/session.ts';

/** Pages behind sign-in: without a session, go to the login page and come back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  // Fixed over the page, so nothing is pushed around when the page replaces it.
  if (me.isPending) return <Spin fullscreen />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`${paths.login}?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}
