import { computed, onBeforeUnmount, ref, shallowRef, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { AnyReport } from '@jointduty/shared';
import { errorMessage } from '../../app/errors';
import { fetchReport, fetchReportFile, type FileFormat } from './api';
import { filenameOf, saveBlob } from '../../app/download';
import { reportIsEmpty } from './figures';
import { periodFromQuery, queryOfPeriod, REPORT_PATH, type PeriodChoice } from './period';

export interface UseReportOptions {
  read?: typeof fetchReport;
  readFile?: typeof fetchReportFile;
  save?: typeof saveBlob;
  now?: () => Date;
}

/**
 * The report /reports shows: the period from the address (so a link opens the same report), read
 * again whenever it changes (a slower answer for a period left behind is dropped), and its files.
 */
export function useReport(options: UseReportOptions = {}) {
  const read = options.read ?? fetchReport;
  const readFile = options.readFile ?? fetchReportFile;
  const save = options.save ?? saveBlob;
  const now = options.now ?? (() => new Date());
  const route = useRoute();
  const router = useRouter();

  const period = computed<PeriodChoice>(() => periodFromQuery(route.query, now()));
  const report = shallowRef<AnyReport | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const downloading = ref<FileFormat | null>(null);
  const downloadError = ref<string | null>(null);
  let controller: AbortController | null = null;

  async function load(): Promise<void> {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    const p = period.value;
    loading.value = true;
    error.value = null;
    report.value = null;
    try {
      const answer = await read(p, mine.signal);
      if (controller !== mine) return;
      report.value = answer;
    } catch (err) {
      if (controller !== mine || mine.signal.aborted) return;
      error.value = errorMessage(err);
    } finally {
      if (controller === mine) loading.value = false;
    }
  }

  // the address's period, not the report's name, decides what is read: the same query is one read
  watch(() => `${REPORT_PATH[period.value.kind]}?${new URLSearchParams(queryOfPeriod(period.value))}`, load, { immediate: true });
  onBeforeUnmount(() => controller?.abort());

  function choose(next: PeriodChoice): void {
    downloadError.value = null;
    void router.push({ query: queryOfPeriod(next) });
  }

  async function download(format: FileFormat): Promise<void> {
    if (downloading.value) return;
    downloading.value = format;
    downloadError.value = null;
    const p = period.value;
    try {
      const { blob, headers } = await readFile(p, format);
      save(blob, filenameOf(headers.get('Content-Disposition')) ?? `${REPORT_PATH[p.kind]}-${p.key}.${format}`);
    } catch (err) {
      downloadError.value = errorMessage(err);
    } finally {
      downloading.value = null;
    }
  }

  const empty = computed(() => report.value !== null && reportIsEmpty(report.value));

  return { period, report, loading, error, empty, downloading, downloadError, choose, download, reload: load };
}
