import type { AnyReport } from '@jointduty/shared';
import { api, apiBlob } from '../../app/http';
import { queryOfPeriod, REPORT_PATH, type PeriodChoice } from './period';

// The calls of /reports (CONTRACT §8): a report as JSON, or as a file.

export type FileFormat = 'xlsx' | 'docx';

export function fetchReport(p: PeriodChoice, signal?: AbortSignal): Promise<AnyReport> {
  return api<AnyReport>(`/reports/${REPORT_PATH[p.kind]}`, { query: queryOfPeriod(p), signal });
}

export function fetchReportFile(p: PeriodChoice, format: FileFormat): Promise<{ blob: Blob; headers: Headers }> {
  return apiBlob(`/reports/${REPORT_PATH[p.kind]}`, { ...queryOfPeriod(p), format });
}
