import type { InfoReport, InfoReportDetail, InfoReportStep } from '@jointduty/shared';
import { useDetail } from '../../app/useDetail';
import { ApiError } from '../../app/http';
import type { LiveConnection } from '../../realtime/useConnection';
import { saveBlob } from '../../app/download';
import { downloadInfoReport, fetchInfoReport, submitInfoReport } from './api';
import { isNotOlder } from './store';

export interface InfoReportDetailOptions {
  /** a report as an answer left it, for the list */
  onAnswer?: (report: InfoReport) => void;
  read?: typeof fetchInfoReport;
  post?: typeof submitInfoReport;
  download?: typeof downloadInfoReport;
  save?: typeof saveBlob;
}

const isDetail = (r: InfoReport | InfoReportDetail): r is InfoReportDetail => Array.isArray((r as InfoReportDetail).history);

/**
 * The information report open in the editor: its facts, the draft of the step owed and its history.
 * A push for it that moves it on (a submission by someone else, the alert resolved) reads it again.
 */
export function useInfoReportDetail(live: LiveConnection, options: InfoReportDetailOptions = {}) {
  const read = options.read ?? fetchInfoReport;
  const post = options.post ?? submitInfoReport;
  const download = options.download ?? downloadInfoReport;
  const save = options.save ?? saveBlob;
  const { id, detail, loading, error, load, open, close } = useDetail(read);

  /** Submits the step; a refusal is thrown with its text, and the report is read again on 409. */
  async function submit(step: InfoReportStep, text: string): Promise<void> {
    const target = id.value;
    if (target === null) return;
    let answer: InfoReport | InfoReportDetail;
    try {
      answer = await post(target, step, text);
    } catch (err) {
      // out of order: someone else submitted it meanwhile; show the report as it is now
      if (err instanceof ApiError && err.status === 409 && id.value === target) void load();
      throw err;
    }
    if (!answer || typeof answer.id !== 'string') return;
    options.onAnswer?.(answer);
    if (id.value !== target) return;
    if (isDetail(answer)) detail.value = answer;
    else void load();
  }

  async function downloadWord(): Promise<void> {
    const target = id.value;
    if (target === null) return;
    const { blob, filename } = await download(target);
    save(blob, filename);
  }

  live.on('info-report:update', (report) => {
    const shown = detail.value;
    if (!shown || !report || report.id !== shown.id || !isNotOlder(report, shown)) return;
    const moved = report.submissions !== shown.submissions || report.status !== shown.status || report.next?.step !== shown.next?.step;
    detail.value = { ...shown, ...report };
    if (moved) void load();
  });

  return { id, detail, loading, error, open, close, reload: load, submit, downloadWord };
}

export type InfoReportDetailState = ReturnType<typeof useInfoReportDetail>;
