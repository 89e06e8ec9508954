// A restart keeps every record, alert, session and the rising seq.
import type { Alert, IncidentSummary } from '@jointduty/shared';
import { login, postFeed, request, startServer } from '../support/harness';
import { consumer, hotline, police, post } from '../support/records';

describe('restart', () => {
  it('keeps incidents, alerts, sessions and the alert seq across a restart', async () => {
    const first = await startServer();
    const token = await login(first, 'duty');
    const records = [hotline(), hotline(), consumer(), post()];
    await postFeed(first, '12345', records.slice(0, 2));
    await postFeed(first, '12315', records[2]);
    await postFeed(first, 'sentiment', records[3]);
    await postFeed(first, '110', police({ alarmType: '群体性事件' }));
    await first.settled();
    const before = await request<IncidentSummary[]>(first, 'GET', '/api/incidents?limit=100', { token });
    const alertsBefore = await request<Alert[]>(first, 'GET', '/api/alerts', { token });
    await first.close();

    const second = await startServer({ dataDir: first.dataDir, restart: true });
    try {
      // the old token still works: the secret was kept in DATA_DIR
      const after = await request<IncidentSummary[]>(second, 'GET', '/api/incidents?limit=100', { token });
      expect(after.status).toBe(200);
      expect(after.body.map((i) => i.id).sort()).toEqual(before.body.map((i) => i.id).sort());
      expect(after.body).toHaveLength(5);
      const alertsAfter = await request<Alert[]>(second, 'GET', '/api/alerts', { token });
      expect(alertsAfter.body).toEqual(alertsBefore.body);

      // re-posting after the restart is still a duplicate
      expect((await postFeed(second, '12345', records[0])).body).toEqual({ accepted: 0, duplicates: 1, rejected: [] });

      // seq keeps rising past what was there before
      await postFeed(second, '110', police({ alarmType: '群体性事件' }));
      await second.settled();
      const newest = (await request<Alert[]>(second, 'GET', '/api/alerts', { token })).body[0]!;
      expect(newest.seq).toBeGreaterThan(Math.max(...alertsBefore.body.map((a) => a.seq)));
    } finally {
      await second.close();
    }
  });
});
