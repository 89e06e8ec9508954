import { computed, getCurrentScope, onScopeDispose, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { CHANNELS, type Alert, type Channel, type StatsOverview, type StatsSeries } from '@jointduty/shared';
import { useCityMap } from '../charts/cityMap';
import { gaugeOption } from '../charts/options/gauge';
import { mapOption } from '../charts/options/map';
import { categoryLabel, merchantItems, rankingOption, topEntries } from '../charts/options/ranking';
import { trendOption, type TrendData } from '../charts/options/trend';
import { PALETTE } from '../charts/palette';

export interface WallChartInputs {
  overview: Readonly<Ref<StatsOverview | null>>;
  trend: Readonly<Ref<TrendData | null>>;
  hotMerchants: Readonly<Ref<StatsSeries['hotMerchants']>>;
  alerts: Readonly<Ref<readonly Alert[]>>;
}

const MAP_RETRY_MS = 30_000;

// The wall's chart options, rebuilt from the stores; the charts apply them at most once a second.
export function useWallCharts({ overview, trend, hotMerchants, alerts }: WallChartInputs) {
  const { t } = useI18n();
  const { map, load } = useCityMap();
  void load();
  // a map that failed to load (server restarting) is asked for again until it is there
  const retry = setInterval(() => {
    if (!map.value) void load();
  }, MAP_RETRY_MS);
  if (getCurrentScope()) onScopeDispose(() => clearInterval(retry));

  const channelNames = computed(() => Object.fromEntries(CHANNELS.map((c) => [c, t(`channelShort.${c}`)])) as Record<Channel, string>);

  const mapChart = computed(() =>
    map.value ? mapOption(map.value, overview.value?.byDistrict, alerts.value, { high: t('wall.map.high'), low: t('wall.map.low') }) : null,
  );
  const trendChart = computed(() =>
    trend.value ? trendOption(trend.value, { channel: channelNames.value, lastWeek: t('wall.trend.lastWeek') }) : null,
  );

  const categories = computed(() => topEntries(overview.value?.byCategory, 5, categoryLabel));
  const categoriesChart = computed(() => rankingOption(categories.value, { color: PALETTE.accent, nameWidth: 170 }));
  const merchants = computed(() => merchantItems(hotMerchants.value, 5));
  const merchantsChart = computed(() => rankingOption(merchants.value, { color: PALETTE.warn, nameWidth: 210 }));
  // districts of the map only: incidents whose district is unknown are not a place to rank
  const districts = computed(() => {
    const known = map.value ? new Set(map.value.districts) : null;
    const counts = Object.fromEntries(Object.entries(overview.value?.byDistrict ?? {}).filter(([d]) => !known || known.has(d)));
    return topEntries(counts, 6);
  });

  const responseGauge = computed(() => gaugeOption(overview.value?.responseRate ?? null));
  const onTimeGauge = computed(() => gaugeOption(overview.value?.onTimeRate ?? null));

  return { map, mapChart, trendChart, categories, categoriesChart, merchants, merchantsChart, districts, responseGauge, onTimeGauge };
}
