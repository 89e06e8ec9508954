import type { Alert, Severity } from '@jointduty/shared';

// OASIS CAP 1.2 export of an alert, for other warning systems.
const CAP_SEVERITY: Record<Severity, string> = { general: 'Moderate', urgent: 'Severe', major: 'Extreme' };
const CAP_URGENCY: Record<Severity, string> = { general: 'Expected', urgent: 'Immediate', major: 'Immediate' };

function esc(s: string): string {
  return (
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // characters XML 1.0 cannot carry at all
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
  );
}

/** CAP wants times like 2026-07-20T21:05:00+08:00: no fractions, an explicit offset. */
function capTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600 * 1000);
  return d.toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

export function alertToCap(alert: Alert, opts: { sender: string; city: string }): string {
  const status = alert.simulated ? 'Exercise' : 'Actual';
  const msgType = alert.seq && alert.createdAt !== alert.updatedAt ? 'Update' : 'Alert';
  const category = alert.channels.includes('110') ? 'Security' : alert.channels.includes('12315') ? 'Other' : 'Safety';
  const area = [opts.city, alert.district].filter(Boolean).join(' ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>jointduty-${esc(alert.id)}-${alert.seq}</identifier>
  <sender>${esc(opts.sender)}</sender>
  <sent>${capTime(alert.updatedAt)}</sent>
  <status>${status}</status>
  <msgType>${msgType}</msgType>
  <scope>Restricted</scope>
  <restriction>joint duty office staff only</restriction>
  <info>
    <language>zh-CN</language>
    <category>${category}</category>
    <event>${esc(alert.rule)}</event>
    <urgency>${CAP_URGENCY[alert.severity]}</urgency>
    <severity>${CAP_SEVERITY[alert.severity]}</severity>
    <certainty>Likely</certainty>
    <senderName>${esc(opts.city)} 联席值守</senderName>
    <headline>${esc(alert.title)}</headline>
    <description>${esc(alert.summary)}</description>
    <parameter>
      <valueName>incidentCount</valueName>
      <value>${alert.incidentCount}</value>
    </parameter>
    <parameter>
      <valueName>channels</valueName>
      <value>${esc(alert.channels.join(' '))}</value>
    </parameter>
    <area>
      <areaDesc>${esc(area || opts.city)}</areaDesc>
    </area>
  </info>
</alert>
`;
}
