import type { InfoReport, InfoReportDetail, InfoReportStatus, InfoReportStep } from '@jointduty/shared';
import { filenameOf } from '../../app/download';
import { api, apiBlob } from '../../app/http';

// The calls of the information reports (CONTRACT §10).

export function fetchInfoReports(status: InfoReportStatus): Promise<InfoReport[]> {
  return api<InfoReport[]>('/info-reports', { query: { status } });
}

export function fetchInfoReport(id: string): Promise<InfoReportDetail> {
  return api<InfoReportDetail>(`/info-reports/${encodeURIComponent(id)}`);
}

/** Submits 首报 / 续报 / 终报; the answer is the report as it now is. */
export function submitInfoReport(id: string, step: InfoReportStep, text: string): Promise<InfoReport | InfoReportDetail> {
  return api<InfoReport | InfoReportDetail>(`/info-reports/${encodeURIComponent(id)}/${step}`, { method: 'POST', body: { text } });
}

/** The report as a Word document, with the file name the server gives it. */
export async function downloadInfoReport(id: string): Promise<{ blob: Blob; filename: string }> {
  const { blob, headers } = await apiBlob(`/info-reports/${encodeURIComponent(id)}`, { format: 'docx' });
  return { blob, filename: filenameOf(headers.get('Content-Disposition')) ?? `info-report-${id}.docx` };
}
