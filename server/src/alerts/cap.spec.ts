import fs from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import type { Alert } from '@jointduty/shared';
import { alertToCap, capCircle, capIdentifier, type CapOptions } from './cap';

// The OASIS schema, beside the repository (../shared/data/cap, as in CI).
const XSD = fs.readFileSync(path.join(__dirname, '../../../../shared/data/cap/CAP-v1.2.xsd'), 'utf8');

async function schemaErrors(xml: string): Promise<string[]> {
  const r = await validateXML({ xml: [{ fileName: 'alert.xml', contents: xml }], schema: [{ fileName: 'CAP-v1.2.xsd', contents: XSD }] });
  return r.errors.map((e) => e.message);
}

const tag = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);

function alert(over: Partial<Alert> = {}): Alert {
  return {
    id: '6f1c2a9e-1d2b-4c3d-8e4f-0a1b2c3d4e5f',
    seq: 12,
    eventId: '0b9e8d7c-6b5a-4f3e-9d2c-1b0a9f8e7d6c',
    rule: 'police-mass-incident',
    severity: 'major',
    title: '城阳区正阳路持刀伤人',
    summary: '110 报警：3人受伤',
    channels: ['110'],
    district: '城阳区',
    category: '治安>刑事',
    incidentCount: 1,
    status: 'open',
    createdAt: '2026-12-05T09:00:00.000Z',
    updatedAt: '2026-12-05T09:00:00.000Z',
    ...over,
  };
}

const opts = (over: Partial<CapOptions> = {}): CapOptions => ({
  sender: 'jointduty@370200',
  city: '青岛市',
  ruleName: '110 群体性事件或多人伤亡',
  previous: null,
  points: [],
  ...over,
});

describe('CAP 1.2 export', () => {
  it('writes a first major alert valid against the OASIS schema, its event in Chinese, Extreme and Immediate', async () => {
    const xml = alertToCap(alert(), opts({ points: [{ lat: 36.3093, lng: 120.4316 }] }));
    expect(await schemaErrors(xml)).toEqual([]);
    expect(tag(xml, 'msgType')).toEqual(['Alert']);
    expect(tag(xml, 'status')).toEqual(['Actual']);
    expect(tag(xml, 'event')).toEqual(['110 群体性事件或多人伤亡（治安/刑事）']);
    expect(tag(xml, 'severity')).toEqual(['Extreme']);
    expect(tag(xml, 'urgency')).toEqual(['Immediate']);
    expect(tag(xml, 'certainty')).toEqual(['Observed']);
    expect(tag(xml, 'identifier')).toEqual([capIdentifier(alert().id, 12)]);
    expect(tag(xml, 'sent')).toEqual(['2026-12-05T17:00:00+08:00']);
    expect(tag(xml, 'circle')).toEqual(['36.30930,120.43160 0.5']);
    expect(xml).not.toContain('<references>');
    // the schema check itself refuses what CAP does not allow
    expect(await schemaErrors(xml.replace('<severity>Extreme', '<severity>Huge'))).not.toEqual([]);
  });

  it('maps the grades: general Moderate/Expected, urgent Severe/Immediate; one channel without the police is Likely', async () => {
    const general = alertToCap(
      alert({ severity: 'general', rule: 'repeat-complaint', channels: ['12345'], category: null }),
      opts({ ruleName: '反复投诉' }),
    );
    expect(await schemaErrors(general)).toEqual([]);
    expect([tag(general, 'severity'), tag(general, 'urgency'), tag(general, 'certainty'), tag(general, 'event')]).toEqual([
      ['Moderate'],
      ['Expected'],
      ['Likely'],
      ['反复投诉'],
    ]);
    const urgent = alertToCap(
      alert({ severity: 'urgent', rule: 'viral-post', channels: ['sentiment', '12345'] }),
      opts({ ruleName: '负面舆情扩散' }),
    );
    expect(await schemaErrors(urgent)).toEqual([]);
    expect([tag(urgent, 'severity'), tag(urgent, 'urgency'), tag(urgent, 'certainty')]).toEqual([['Severe'], ['Immediate'], ['Observed']]);
  });

  it('makes a later version an Update referencing the version before it (sender,identifier,sent)', async () => {
    const a = alert({ seq: 15, status: 'acknowledged', updatedAt: '2026-12-05T09:05:30.000Z' });
    const xml = alertToCap(a, opts({ previous: { identifier: capIdentifier(a.id, 12), sent: '2026-12-05T09:00:00.000Z' } }));
    expect(await schemaErrors(xml)).toEqual([]);
    expect(tag(xml, 'msgType')).toEqual(['Update']);
    expect(tag(xml, 'identifier')).toEqual([`jointduty-${a.id}-15`]);
    expect(tag(xml, 'references')).toEqual([`jointduty@370200,jointduty-${a.id}-12,2026-12-05T17:00:00+08:00`]);
  });

  it('a resolved alert is an all-clear: responseType AllClear, urgency Past', async () => {
    const xml = alertToCap(
      alert({ status: 'resolved' }),
      opts({ previous: { identifier: 'jointduty-x-1', sent: '2026-12-05T09:00:00.000Z' } }),
    );
    expect(await schemaErrors(xml)).toEqual([]);
    expect(tag(xml, 'responseType')).toEqual(['AllClear']);
    expect(tag(xml, 'urgency')).toEqual(['Past']);
  });

  it('keeps markup, & and control characters in titles as text, and stays valid', async () => {
    const xml = alertToCap(
      alert({ title: '<script>alert(1)</script> 张&李 "餐馆" \u0007', summary: 'a < b && c > d ]]>', district: null, category: null }),
      opts(),
    );
    expect(await schemaErrors(xml)).toEqual([]);
    expect(xml).not.toContain('<script>');
    expect(tag(xml, 'headline')).toEqual(['&lt;script&gt;alert(1)&lt;/script&gt; 张&amp;李 &quot;餐馆&quot; ']);
    expect(tag(xml, 'description')).toEqual(['a &lt; b &amp;&amp; c &gt; d ]]&gt;']);
    expect(tag(xml, 'areaDesc')).toEqual(['青岛市']);
  });

  it('marks a simulated alert as an Exercise', async () => {
    const xml = alertToCap(alert({ simulated: true }), opts());
    expect(await schemaErrors(xml)).toEqual([]);
    expect(tag(xml, 'status')).toEqual(['Exercise']);
  });

  it('draws the circle around every record: centre and the farthest plus half a kilometre', () => {
    // two points 0.02° of latitude apart (about 2.2 km): radius about 1.1 + 0.5 km
    const c = capCircle([
      { lat: 36.06, lng: 120.38 },
      { lat: 36.08, lng: 120.38 },
    ])!;
    const m = /^(-?\d+\.\d+),(-?\d+\.\d+) (\d+\.\d)$/.exec(c)!;
    expect(Number(m[1])).toBeCloseTo(36.07, 5);
    expect(Number(m[2])).toBeCloseTo(120.38, 5);
    expect(Number(m[3])).toBeCloseTo(1.7, 1);
    expect(capCircle([])).toBeNull();
    expect(capCircle([{ lat: Number.NaN, lng: 120 }])).toBeNull();
  });
});
