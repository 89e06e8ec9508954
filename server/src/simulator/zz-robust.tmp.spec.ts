import { RecordGenerator, DEFAULT_CHANNEL_MIX } from './generator';
import { validateFeedRecord, CHANNELS } from '@jointduty/shared';
const START = Date.UTC(2025, 6, 20, 9, 0, 0);
const at = (i: number) => new Date(START + i * 7_000);
it('robust', () => {
  const rows: string[] = [];
  for (let seed = 100; seed < 115; seed++) {
    const gen = new RecordGenerator({ seed });
    const calls = new Map<string, number>();
    for (let i = 0; i < 3000; i++) { const r = gen.next('12345', at(i)); if (r.citizen?.phone) calls.set(r.citizen.phone, (calls.get(r.citizen.phone) ?? 0) + 1); }
    const c = [...calls.values()];
    const claims = new Map<string, Set<string>>();
    for (let i = 0; i < 5000; i++) { const r = gen.next('12315', at(i)); if (!/赔十|十倍/.test(r.content) || !r.consumer?.phone || !r.merchant) continue; const m = claims.get(r.consumer.phone) ?? new Set(); m.add(r.merchant.name); claims.set(r.consumer.phone, m); }
    let mass = 0, harm = 0;
    for (let i = 0; i < 20000; i++) { const r = gen.next('110', at(i)); if (r.alarmType === '群体性事件') mass++; if ((r.casualties ?? 0) >= 3) harm++; }
    let bad = 0;
    for (let i = 0; i < 4000; i++) { const ch = gen.pickChannel(DEFAULT_CHANNEL_MIX); if (!validateFeedRecord(ch, gen.next(ch, at(i))).ok) bad++; }
    rows.push(`seed ${seed}: rep>=3 ${c.filter((n) => n >= 3).length} max ${Math.max(...c)} claimants ${claims.size} maxMerch ${Math.max(...[...claims.values()].map((m) => m.size))} mass ${mass} harm ${harm} bad ${bad}`);
  }
  console.log(rows.join('\n'));
});
