// The running incident counts (server/src/incidents/incident-counts.ts) against a fresh count of
// `incidents`: rows where they differ, for tests on SQLite and PostgreSQL alike. Empty means the
// counts kept with every insert and reclassification are exactly what counting would give.
const DAY = `(received_at + 28800000 - (received_at + 28800000) % 86400000 - 28800000)`;

export const DAY_COUNTS_DRIFT_SQL = `
  WITH fresh AS (
    SELECT ${DAY} AS day, channel, COALESCE(district, '') AS district, COALESCE(category, '') AS category, COUNT(*) AS n
    FROM incidents GROUP BY ${DAY}, channel, COALESCE(district, ''), COALESCE(category, ''))
  SELECT COALESCE(f.channel, c.channel) AS channel, COALESCE(f.district, c.district) AS district,
         COALESCE(f.category, c.category) AS category, f.n AS fresh, c.n AS kept
  FROM fresh f FULL JOIN incident_counts_day c
    ON c.day = f.day AND c.channel = f.channel AND c.district = f.district AND c.category = f.category
  WHERE COALESCE(f.n, 0) <> COALESCE(c.n, 0)`;

export const MINUTE_COUNTS_DRIFT_SQL = `
  WITH fresh AS (SELECT received_at - received_at % 60000 AS minute, channel, COUNT(*) AS n FROM incidents
                 GROUP BY received_at - received_at % 60000, channel)
  SELECT COALESCE(f.minute, c.minute) AS minute, COALESCE(f.channel, c.channel) AS channel, f.n AS fresh, c.n AS kept
  FROM fresh f FULL JOIN incident_counts_minute c ON c.minute = f.minute AND c.channel = f.channel
  WHERE COALESCE(f.n, 0) <> COALESCE(c.n, 0)`;
