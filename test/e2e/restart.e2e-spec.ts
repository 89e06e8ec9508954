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

  it('keeps what it understood: events and people are found again after a restart', async () => {
    const first = await startServer();
    const gym = (i: number) =>
      consumer({
        content: '健身房突然关门，预付的年卡退不了。',
        merchant: { name: '浪潮健身(李村店)' },
        consumer: { name: `会员${i}`, phone: `1391111000${i}` },
      });
    const repeat = () =>
      hotline({
        content: '海景酒吧每天凌晨还在放音乐，噪音扰民。',
        address: '市南区闽江路8号',
        citizen: { name: '周先生', phone: '13922223333' },
      });
    await postFeed(first, '12315', [gym(1), gym(2)]);
    await postFeed(first, '12345', [repeat(), repeat()]);
    await first.settled();
    await first.close();

    const second = await startServer({ dataDir: first.dataDir, restart: true });
    try {
      const token = await login(second, 'duty');
      await postFeed(second, '12315', [gym(3), gym(4), gym(5)]);
      await postFeed(second, '12345', repeat());
      await second.settled();
      const list = (await request<IncidentSummary[]>(second, 'GET', '/api/incidents?limit=100', { token })).body;
      const gyms = list.filter((i) => i.channel === '12315');
      expect(new Set(gyms.map((i) => i.eventId)).size).toBe(1);
      const alert = (await request<Alert[]>(second, 'GET', '/api/alerts', { token })).body.find((a) => a.rule === 'group-complaint');
      expect(alert).toMatchObject({ eventId: gyms[0]!.eventId, incidentCount: 5, severity: 'urgent' });
      const calls = list.filter((i) => i.channel === '12345').sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
      expect(calls[2]!.flags).toContain('repeat');
    } finally {
      await second.close();
    }
  });
});
