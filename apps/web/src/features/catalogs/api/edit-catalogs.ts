// Catalog edits; each refreshes the reference data every page reads.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CampaignCreate, CampaignPeriodInput, DepartmentCreate, DepartmentPatch, OrgUnitCreate } from '@pufa/domain';
import { apiFetch } from '../../../lib/api-client.ts';
import { referenceQueryOptions } from '../../reference/api/get-reference.ts';

function useCatalogMutation<T>(request: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: referenceQueryOptions().queryKey }),
  });
}

export const useSetCampaignPeriod = () =>
  useCatalogMutation(({ campaignId, year, ...period }: CampaignPeriodInput & { campaignId: number; year: number }) =>
    apiFetch(`/campaigns/${campaignId}/periods/${year}`, { method: 'PUT', body: period }),
  );

export const useClearCampaignPeriod = () =>
  useCatalogMutation(({ campaignId, year }: { campaignId: number; year: number }) =>
    apiFetch(`/campaigns/${campaignId}/periods/${year}`, { method: 'DELETE' }),
  );

export const useCreateCampaign = () => useCatalogMutation((input: CampaignCreate) => apiFetch('/campaigns', { method: 'POST', body: input }));

export const useCreateDepartment = () => useCatalogMutation((input: DepartmentCreate) => apiFetch('/departments', { method: 'POST', body: input }));

export const useUpdateDepartment = () =>
  useCatalogMutation(({ id, ...patch }: DepartmentPatch & { id: number }) => apiFetch(`/departments/${id}`, { method: 'PATCH', body: patch }));

export const useCreateOrgUnit = () => useCatalogMutation((input: OrgUnitCreate) => apiFetch('/org-units', { method: 'POST', body: input }));
