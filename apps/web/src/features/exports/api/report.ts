import { useQuery } from '@tanstack/react-query';
import type { AnnualReport, EvidenceBookJson } from '@pufa/domain';
import { apiFetch } from '../../../lib/api-client.ts';

export interface ExportScope {
  from: string;
  to: string;
  orgUnitId?: number;
  lang?: 'zh' | 'en';
  /** 'true': the county roll-up counts approved townships only (上报审核). */
  approvedOnly?: 'true';
}

export const useEvidenceBook = (scope: ExportScope) =>
  useQuery({ queryKey: ['reports', 'evidence', scope], queryFn: () => apiFetch<EvidenceBookJson>('/reports/evidence', { query: { ...scope } }) });

export const useAnnualReport = (scope: ExportScope, enabled = true) =>
  useQuery({ queryKey: ['reports', 'annual', scope], queryFn: () => apiFetch<AnnualReport>('/reports/annual', { query: { ...scope } }), enabled });
