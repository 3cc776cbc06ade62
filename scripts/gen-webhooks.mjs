#!/usr/bin/env node
// Writes webhook-like NDJSON (Iterable-style marketing events) of a given size, for measuring
// the CLI's memory and speed on large inputs. Deterministic: same seed and size => same bytes.
//
//   node scripts/gen-webhooks.mjs OUT.ndjson [--mb 100] [--seed 7]
//
// Generated files are big: write them outside the repository (e.g. /tmp) and never commit them.

import { createWriteStream } from 'node:fs';

const args = process.argv.slice(2);
const out = args.find((a) => !a.startsWith('--'));
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
if (!out) {
  process.stderr.write('usage: node scripts/gen-webhooks.mjs OUT.ndjson [--mb 100] [--seed 7]\n');
  process.exit(2);
}
const targetBytes = Math.round(opt('mb', 100) * 1_000_000);
let seed = opt('seed', 7) >>> 0;

// mulberry32: small, fast, deterministic
function rand() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (a) => a[Math.floor(rand() * a.length)];
const chance = (p) => rand() < p;
const hex = (n) => {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(rand() * 16)];
  return s;
};
const pad = (n) => String(n).padStart(2, '0');
let t0 = Date.UTC(2024, 4, 1);
const date = (ms) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +00:00`;
};
const WORDS = ['spring', 'sale', 'weekly', 'digest', 'welcome', 'series', 'cart', 'reminder', 'flash', 'deal'];
const title = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
const email = () => `${pick(['ana', 'bo', 'chen', 'dara', 'eli', 'hana'])}.${pick(['kim', 'silva', 'rossi'])}${int(1, 999)}@${pick(['gmail.com', 'acme.io', 'example.org'])}`;
const url = () => `https://links.acme.io/${pick(['sale', 'cart', 'p/123'])}?utm_campaign=${int(1000, 99999)}`;
const ip = () => `${int(1, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`;
const EVENTS = ['emailSend', 'emailSend', 'emailSend', 'emailOpen', 'emailOpen', 'emailClick', 'emailBounce', 'hostedUnsubscribeClick', 'pushSend', 'smsSend'];

function nextEvent() {
  t0 += int(0, 4000);
  const eventName = pick(EVENTS);
  const em = email();
  const campaignId = int(100000, 9999999);
  const templateId = int(100000, 9999999);
  const d = {
    email: em,
    eventName,
    campaignId,
    templateId,
    messageId: hex(32),
    createdAt: date(t0),
    campaignName: title(int(2, 5)),
    templateName: chance(0.05) ? null : title(3),
    channelId: int(1000, 99999),
    messageTypeId: int(1000, 99999),
    workflowId: chance(0.6) ? null : int(10000, 999999),
    labels: Array.from({ length: int(0, 3) }, () => pick(['newsletter', 'promo', 'vip'])),
    emailId: `c${campaignId}:t${templateId}:${em}`,
  };
  if (eventName === 'emailSend') Object.assign(d, { emailSubject: title(int(3, 8)), fromEmail: 'news@acme.io', contentId: int(1, 99999) });
  if (eventName === 'emailOpen' || eventName === 'emailClick') Object.assign(d, { ip: ip(), userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)', userAgentDevice: pick(['Gmail', 'iPhone', 'Desktop']) });
  if (eventName === 'emailClick') Object.assign(d, { url: url(), hrefIndex: int(0, 30), linkId: hex(12) });
  if (eventName === 'emailBounce') Object.assign(d, { recipientState: pick(['HardBounce', 'SoftBounce']), bounceMessage: '550 5.1.1 user unknown' });
  if (eventName === 'hostedUnsubscribeClick') Object.assign(d, { url: url(), userAgent: 'Mozilla/5.0', ip: ip() });
  if (eventName === 'pushSend') Object.assign(d, { platform: pick(['APNS', 'GCM']), pushMessage: title(6), badge: chance(0.7) ? int(0, 9) : null });
  if (eventName === 'smsSend') Object.assign(d, { toPhoneNumber: `+1${int(200, 999)}555${String(int(0, 9999)).padStart(4, '0')}`, smsMessage: title(8) });
  if (chance(0.3)) d.plan = pick(['free', 'pro', 'enterprise']);
  if (chance(0.2)) d.ltv = chance(0.5) ? int(0, 5000) : Math.round(rand() * 500000) / 100;
  const ev = { email: em, eventName, dataFields: d };
  if (chance(0.3)) ev.userId = chance(0.2) ? null : `u_${hex(10)}`;
  return ev;
}

const stream = createWriteStream(out);
let bytes = 0;
let lines = 0;
function pump() {
  while (bytes < targetBytes) {
    let buf = '';
    while (buf.length < 1 << 20 && bytes + buf.length < targetBytes) {
      buf += JSON.stringify(nextEvent()) + '\n';
      lines++;
    }
    bytes += Buffer.byteLength(buf);
    if (!stream.write(buf)) return stream.once('drain', pump);
  }
  stream.end(() => process.stderr.write(`wrote ${out}: ${bytes} bytes, ${lines} lines\n`));
}
pump();
