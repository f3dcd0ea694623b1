import { canEditEvents, type SessionUser } from '@pufa/domain';
import { useMe } from './api/session.ts';

/** What the signed-in user may do; menus and buttons follow it (the API enforces it). */
export function usePermissions(): { user: SessionUser | null; canEdit: (townshipId?: number) => boolean; isAdmin: boolean } {
  const { data: user = null } = useMe();
  return {
    user,
    canEdit: (townshipId) => !!user && canEditEvents(user.role, user.orgUnitLevel) && (townshipId === undefined || user.townshipIds.includes(townshipId)),
    isAdmin: user?.role === 'admin',
  };
}
