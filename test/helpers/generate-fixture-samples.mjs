// Writes test/fixtures/<provider>.<event>/samples from hand-written templates of real webhook
// payloads (Iterable, GitHub, Stripe, Shopify, Segment, SendGrid, Slack), with seeded variation:
// optional keys present in some samples, nulls, different enum values, empty arrays.
// The samples are committed data; this script only exists so they can be rebuilt or extended.
// Run: node test/helpers/generate-fixture-samples.mjs   (it never touches expected.* files)
import { mkdirSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

// mulberry32: deterministic, so rebuilding gives the same files.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let R = rng(1);
const rand = () => R();
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const chance = (p) => rand() < p;
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('');
const alnum = (n) => Array.from({ length: n }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[int(0, 61)]).join('');
const upper = (n) => Array.from({ length: n }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[int(0, 35)]).join('');
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
const pad = (n, w = 2) => String(n).padStart(w, '0');
const BASE = Date.UTC(2024, 4, 1, 12, 0, 0); // 2024-05-01T12:00:00Z
const epoch = () => Math.floor((BASE + int(0, 40 * 86400) * 1000) / 1000);
const d = (sec) => new Date(sec * 1000);
const iterableTime = (sec) => {
  const t = d(sec);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())} +00:00`;
};
const isoZ = (sec) => d(sec).toISOString().replace('.000Z', 'Z');
const isoMs = (sec) => new Date(sec * 1000 + int(0, 999)).toISOString();
const isoOffset = (sec, off) => {
  const t = d(sec + off * 3600);
  const sign = off < 0 ? '-' : '+';
  return `${t.toISOString().slice(0, 19)}${sign}${pad(Math.abs(off))}:00`;
};

const FIRST = ['ada', 'grace', 'alan', 'barbara', 'linus', 'margaret', 'ken', 'radia', 'edsger', 'frances', 'tim', 'hedy'];
const LAST = ['lovelace', 'hopper', 'turing', 'liskov', 'torvalds', 'hamilton', 'thompson', 'perlman', 'dijkstra', 'allen', 'berners-lee', 'lamarr'];
const DOMAINS = ['example.com', 'mail.example.org', 'acme.io', 'gmail.com', 'company.co.uk'];
const person = () => {
  const f = pick(FIRST), l = pick(LAST);
  return { first: f, last: l, name: `${f[0].toUpperCase()}${f.slice(1)} ${l[0].toUpperCase()}${l.slice(1)}`, email: `${f}.${l}${chance(0.3) ? int(1, 99) : ''}@${pick(DOMAINS)}` };
};
const UAS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
];
const ip = () => `${int(11, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`;
const ipv6 = () => `2001:db8:${hex(4)}:${hex(4)}::${hex(3)}`;

function writeFixture(name, readme, samples, { ndjson = false, options } = {}) {
  const dir = join(ROOT, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'README.md'), readme.trim() + '\n');
  if (existsSync(join(dir, 'samples'))) rmSync(join(dir, 'samples'), { recursive: true });
  if (existsSync(join(dir, 'samples.ndjson'))) rmSync(join(dir, 'samples.ndjson'));
  if (ndjson) {
    writeFileSync(join(dir, 'samples.ndjson'), samples.map((s) => JSON.stringify(s)).join('\n') + '\n');
  } else {
    mkdirSync(join(dir, 'samples'));
    samples.forEach((s, i) => writeFileSync(join(dir, 'samples', `${pad(i + 1)}.json`), JSON.stringify(s, null, 2) + '\n'));
  }
  if (options) writeFileSync(join(dir, 'options.json'), JSON.stringify(options, null, 2) + '\n');
}

// ───────────────────────────── Iterable system webhooks ─────────────────────────────
// Shape as Iterable posts them: { email, eventName, dataFields: {...}, userId? }.
function iterableBase(eventName, extra) {
  const p = person();
  const sec = epoch();
  const campaignId = int(1_000_000, 9_999_999);
  const templateId = int(1_000_000, 14_999_999);
  const dataFields = {
    createdAt: iterableTime(sec),
    campaignId,
    templateId,
    messageId: hex(32),
    ...extra(p, sec, campaignId, templateId),
  };
  const ev = { email: p.email, eventName, dataFields };
  if (chance(0.5)) ev.userId = chance(0.2) ? null : `user-${int(10000, 99999)}`;
  return ev;
}
const workflow = (o) => {
  if (chance(0.5)) {
    o.workflowId = int(100_000, 999_999);
    o.workflowName = pick(['Welcome series', 'Abandoned cart', 'Win-back 60d', 'Onboarding day 3']);
  } else {
    o.workflowId = null;
    o.workflowName = null;
  }
  return o;
};
const emailCommon = (p, sec, c, t) =>
  workflow({
    email: p.email,
    emailId: `c${c}:t${t}:${p.email}`,
    contentId: int(1_000_000, 9_999_999),
    campaignName: pick(['May newsletter', 'Spring sale — 20% off', 'Password reset', 'Weekly digest']),
    templateName: pick(['Newsletter v3', 'Promo hero', 'Transactional / reset', 'Digest']),
    channelId: pick([3420, 3421, 18204]),
    messageTypeId: pick([3866, 3867, 22110]),
    experimentId: chance(0.25) ? int(10_000, 99_999) : null,
    labels: chance(0.5) ? [] : [pick(['promo', 'newsletter', 'q2']), ...(chance(0.5) ? ['vip'] : [])],
  });
const iterable = {
  emailSend: () =>
    iterableBase('emailSend', (p, sec, c, t) => ({
      ...emailCommon(p, sec, c, t),
      emailSubject: pick(['Your May picks are here', 'Reset your password', 'Last chance: 20% off ends tonight', '🎉 Welcome aboard']),
      ...(chance(0.3) ? { catalogCollectionCount: int(0, 12), catalogLookupCount: int(0, 40) } : {}),
      ...(chance(0.3) ? { productRecommendationCount: int(0, 8) } : {}),
    })),
  emailOpen: () =>
    iterableBase('emailOpen', (p, sec, c, t) => {
      const o = { ...emailCommon(p, sec, c, t), ip: chance(0.2) ? ipv6() : ip(), userAgent: pick(UAS), userAgentDevice: pick(['iPhone', 'Mac', 'Windows', 'Android', 'Gmail']) };
      if (chance(0.4)) o.proxySource = pick(['Gmail', 'Apple', 'Yahoo']);
      return o;
    }),
  emailClick: () =>
    iterableBase('emailClick', (p, sec, c, t) => {
      const url = pick(['https://shop.example.com/sale?utm_source=iterable&utm_medium=email', 'https://example.com/account/reset?token=' + alnum(24), 'https://blog.example.com/2024/05/whats-new']);
      return { ...emailCommon(p, sec, c, t), ip: ip(), userAgent: pick(UAS), userAgentDevice: pick(['iPhone', 'Mac', 'Windows', 'Android']), url, href: url, linkId: hex(40), linkUrl: url.split('?')[0] };
    }),
  emailBounce: () =>
    iterableBase('emailBounce', (p, sec, c, t) => {
      const state = pick(['HardBounce', 'SoftBounce', 'HardBounce', 'BlockedBounce']);
      return {
        ...emailCommon(p, sec, c, t),
        recipientState: state,
        bounceMessage:
          state === 'HardBounce'
            ? `550 5.1.1 The email account that you tried to reach does not exist. ${alnum(10)} - gsmtp`
            : state === 'SoftBounce'
              ? '452 4.2.2 The email account that you tried to reach is over quota.'
              : '554 5.7.1 Service unavailable; Client host blocked using Spamhaus',
      };
    }),
  hostedUnsubscribeClick: () =>
    iterableBase('hostedUnsubscribeClick', (p, sec, c, t) => ({
      email: p.email,
      emailId: `c${c}:t${t}:${p.email}`,
      url: `https://links.iterable.com/e/encryptedUnsubscribe?_r=${alnum(40)}`,
      channelIds: chance(0.5) ? [] : [pick([3420, 3421])],
      emailListIds: chance(0.6) ? [int(100_000, 999_999)] : [],
      userAgent: pick(UAS),
      userAgentDevice: pick(['iPhone', 'Mac', 'Windows']),
      ip: ip(),
    })),
  pushSend: () =>
    iterableBase('pushSend', (p, sec, c, t) =>
      workflow({
        contentId: int(1_000_000, 9_999_999),
        campaignName: pick(['Flash sale push', 'Cart reminder push']),
        templateName: pick(['Push / promo', 'Push / cart']),
        channelId: pick([3422, 3423]),
        messageTypeId: pick([3868, 3869]),
        experimentId: null,
        platformEndpoint: chance(0.5) ? '' : `arn:aws:sns:us-east-1:${int(100000000000, 999999999999)}:endpoint/APNS/acme-ios/${uuid()}`,
        pushMessage: pick(['Your cart misses you 🛒', 'Flash sale: 2 hours left!', 'Your order has shipped']),
        payload: chance(0.5) ? {} : { deeplink: 'acme://cart', sku: `SKU-${int(1000, 9999)}` },
        badge: chance(0.5) ? '' : String(int(1, 5)),
        sound: pick(['', 'default']),
        isGhostPush: false,
        labels: [],
      }),
    ),
  smsSend: () =>
    iterableBase('smsSend', (p, sec, c, t) =>
      workflow({
        contentId: int(1_000_000, 9_999_999),
        campaignName: pick(['SMS order update', 'SMS promo']),
        templateName: pick(['SMS / shipping', 'SMS / promo']),
        channelId: 3424,
        messageTypeId: 3870,
        experimentId: null,
        toPhoneNumber: `+1${int(2000000000, 9899999999)}`,
        fromSMSSenderId: int(200, 300),
        smsMessage: pick(['Your order #1042 has shipped. Reply STOP to opt out.', 'ACME: 20% off today only. Reply STOP to unsubscribe.']),
        imageUrl: chance(0.7) ? null : 'https://cdn.example.com/mms/promo.png',
        locale: chance(0.6) ? null : pick(['en', 'en-US', 'fr-CA']),
        labels: [],
      }),
    ),
  inAppOpen: () =>
    iterableBase('inAppOpen', (p, sec, c, t) =>
      workflow({
        email: p.email,
        contentId: int(1_000_000, 9_999_999),
        campaignName: 'In-app onboarding',
        templateName: 'In-app / card',
        channelId: 3425,
        messageTypeId: 3871,
        experimentId: null,
        expiresAt: iterableTime(sec + 30 * 86400),
        inAppBody: '<html><body><h1>Welcome!</h1><a href="itbl://dismiss">Close</a></body></html>',
        messageContext: { saveToInbox: chance(0.5), trigger: pick(['immediate', 'event', 'never']) },
        payload: chance(0.6) ? {} : { screen: 'home' },
        deviceInfo: {
          deviceId: uuid().toUpperCase(),
          platform: pick(['iOS', 'Android']),
          appPackageName: pick(['com.acme.shop', 'com.acme.shop.beta']),
        },
        labels: [],
      }),
    ),
};
const ITERABLE_WHY = {
  emailSend: 'Iterable emailSend system webhook: space-separated `createdAt` (date-time-space), numeric campaign/template ids that must not become enums or timestamps, nullable workflow fields.',
  emailOpen: 'Iterable emailOpen: IPv4 and IPv6 `ip` values mixed, optional `proxySource`, user-agent strings that are not formats.',
  emailClick: 'Iterable emailClick: URLs (`url`, `href`, `linkUrl`) next to a hex `linkId` that must stay a plain string.',
  emailBounce: 'Iterable emailBounce: `recipientState` is a small real enum; `bounceMessage` is free text that must not become one.',
  hostedUnsubscribeClick: 'Iterable hostedUnsubscribeClick: arrays of numeric list/channel ids that are sometimes empty.',
  pushSend: 'Iterable pushSend: `platformEndpoint` and `badge` are empty strings in some samples, `payload` is an empty object in some.',
  smsSend: 'Iterable smsSend: E.164 phone numbers as strings, nullable `imageUrl`/`locale`.',
  inAppOpen: 'Iterable inAppOpen: nested `messageContext`/`deviceInfo`, HTML body as data, `expiresAt` in Iterable\'s space format.',
};
for (const [ev, make] of Object.entries(iterable)) {
  R = rng(ev.length * 7919 + ev.charCodeAt(0));
  const n = { emailSend: 12, emailOpen: 10, emailClick: 8, emailBounce: 8, hostedUnsubscribeClick: 6, pushSend: 8, smsSend: 6, inAppOpen: 6 }[ev];
  writeFixture(`iterable.${ev}`, ITERABLE_WHY[ev], Array.from({ length: n }, make));
}
R = rng(42);
{
  const mixed = [];
  for (let round = 0; round < 3; round++) for (const make of Object.values(iterable)) mixed.push(make());
  for (let i = mixed.length - 1; i > 0; i--) {
    const j = int(0, i);
    [mixed[i], mixed[j]] = [mixed[j], mixed[i]];
  }
  writeFixture('iterable.mixed', 'All eight Iterable system webhook events in one NDJSON stream: the schema must be a union discriminated by `eventName`, one variant per event, not one blurred object.', mixed, { ndjson: true });
}

// ───────────────────────────── GitHub ─────────────────────────────
R = rng(7);
const LOGINS = ['octocat', 'hubot', 'monalisa', 'dependabot[bot]', 'ada-l', 'grace-h'];
const ghUser = (login = pick(LOGINS)) => {
  const id = login === 'dependabot[bot]' ? 49699333 : int(1000, 99_999_999);
  return {
    login,
    id,
    node_id: `MDQ6VXNlcj${alnum(6)}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    // GitHub percent-encodes the brackets of bot logins in API URLs: dependabot%5Bbot%5D.
    url: `https://api.github.com/users/${encodeURIComponent(login)}`,
    html_url: login.endsWith('[bot]') ? `https://github.com/apps/${login.slice(0, -5)}` : `https://github.com/${login}`,
    followers_url: `https://api.github.com/users/${encodeURIComponent(login)}/followers`,
    repos_url: `https://api.github.com/users/${encodeURIComponent(login)}/repos`,
    type: login.endsWith('[bot]') ? 'Bot' : 'User',
    site_admin: false,
  };
};
const REPOS = [
  ['acme', 'widgets', 'TypeScript'],
  ['acme', 'docs', null],
  ['octo-org', 'hello-world', 'Go'],
];
function ghRepo(pushStyle = false) {
  const [owner, name, language] = pick(REPOS);
  const id = int(100_000_000, 799_999_999);
  const created = epoch() - 400 * 86400;
  const pushed = epoch();
  const r = {
    id,
    node_id: `R_kgDO${alnum(6)}`,
    name,
    full_name: `${owner}/${name}`,
    private: chance(0.3),
    owner: ghUser(owner),
    html_url: `https://github.com/${owner}/${name}`,
    description: chance(0.3) ? null : pick(['Widgets for everyone', 'Docs site', 'My first repository on GitHub!']),
    fork: false,
    url: pushStyle ? `https://github.com/${owner}/${name}` : `https://api.github.com/repos/${owner}/${name}`,
    // GitHub sends epoch seconds for these two in push events only, ISO strings everywhere else.
    created_at: pushStyle ? created : isoZ(created),
    updated_at: isoZ(pushed - 3600),
    pushed_at: pushStyle ? pushed : isoZ(pushed),
    homepage: chance(0.5) ? null : chance(0.5) ? '' : `https://${name}.example.com`,
    size: int(0, 50_000),
    stargazers_count: int(0, 500),
    watchers_count: int(0, 500),
    language,
    has_issues: true,
    has_wiki: chance(0.5),
    forks_count: int(0, 40),
    archived: false,
    disabled: false,
    open_issues_count: int(0, 60),
    license: chance(0.4) ? null : { key: 'mit', name: 'MIT License', spdx_id: 'MIT', url: 'https://api.github.com/licenses/mit', node_id: 'MDc6TGljZW5zZTEz' },
    allow_forking: true,
    is_template: false,
    topics: chance(0.4) ? [] : ['webhooks', 'json-schema'].slice(0, int(1, 2)),
    visibility: 'public',
    default_branch: 'main',
  };
  if (pushStyle) {
    r.stargazers = r.stargazers_count;
    r.master_branch = 'main';
    if (chance(0.5)) r.organization = owner;
  }
  return r;
}
const installation = () => (chance(0.5) ? { installation: { id: int(10_000_000, 49_999_999), node_id: `MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9u${alnum(8)}` } } : {});
const reactions = (url) => ({ url: `${url}/reactions`, total_count: 0, '+1': int(0, 3), '-1': 0, laugh: 0, hooray: int(0, 1), confused: 0, heart: int(0, 2), rocket: 0, eyes: 0 });
const LABELS = [
  { name: 'bug', color: 'd73a4a', default: true, description: "Something isn't working" },
  { name: 'enhancement', color: 'a2eeef', default: true, description: 'New feature or request' },
  { name: 'needs triage', color: 'ededed', default: false, description: null },
];
const ghLabels = (repo) =>
  LABELS.filter(() => chance(0.35)).map((l) => ({ id: int(1_000_000_000, 6_999_999_999), node_id: `LA_kwDO${alnum(10)}`, url: `https://api.github.com/repos/${repo.full_name}/labels/${encodeURIComponent(l.name)}`, ...l }));
function ghIssue(repo, state) {
  const number = int(1, 4000);
  const url = `https://api.github.com/repos/${repo.full_name}/issues/${number}`;
  const created = epoch() - 86400 * int(0, 20);
  const user = ghUser();
  const assignee = chance(0.4) ? ghUser() : null;
  return {
    url,
    repository_url: `https://api.github.com/repos/${repo.full_name}`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `https://github.com/${repo.full_name}/issues/${number}`,
    id: int(1_000_000_000, 2_999_999_999),
    node_id: `I_kwDO${alnum(12)}`,
    number,
    title: pick(['Crash when payload has __proto__ key', 'Docs: typo in README', 'Support draft-07 output', 'Webhook retries flood the queue']),
    user,
    labels: ghLabels(repo),
    state,
    locked: false,
    assignee,
    assignees: assignee ? [assignee] : [],
    milestone: chance(0.7)
      ? null
      : { url: `https://api.github.com/repos/${repo.full_name}/milestones/3`, html_url: `https://github.com/${repo.full_name}/milestone/3`, id: 10452367, node_id: 'MI_kwDOAbCdEs4AnvGP', number: 3, title: 'v1.0', description: null, creator: ghUser(), open_issues: int(0, 20), closed_issues: int(0, 40), state: 'open', created_at: isoZ(created - 90 * 86400), updated_at: isoZ(created), due_on: chance(0.5) ? null : isoZ(created + 30 * 86400), closed_at: null },
    comments: state === 'open' ? 0 : int(0, 12),
    created_at: isoZ(created),
    updated_at: isoZ(created + int(0, 90000)),
    closed_at: state === 'closed' ? isoZ(created + int(3600, 900000)) : null,
    author_association: pick(['OWNER', 'MEMBER', 'CONTRIBUTOR', 'NONE', 'FIRST_TIME_CONTRIBUTOR']),
    active_lock_reason: null,
    body: chance(0.25) ? null : pick(['Steps to reproduce:\n\n1. POST the payload\n2. See the crash', 'The README says `infer` but the command is `inferr`.', '<!-- template -->\n### Expected\nIt works\n### Actual\nIt does not']),
    reactions: reactions(url),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: state === 'closed' ? pick(['completed', 'not_planned', 'completed']) : null,
  };
}
const ghIssuesEvent = (action) => {
  const repository = ghRepo();
  return { action, issue: ghIssue(repository, action === 'closed' ? 'closed' : 'open'), repository, sender: ghUser(), ...installation() };
};
function ghPush() {
  const repository = ghRepo(true);
  const pusherP = person();
  const deleted = chance(0.12);
  const n = deleted ? 0 : int(1, 3);
  const commits = Array.from({ length: n }, () => {
    const id = hex(40);
    const a = person();
    const author = { name: a.name, email: a.email, ...(chance(0.7) ? { username: pick(LOGINS) } : {}) };
    return {
      id,
      tree_id: hex(40),
      distinct: chance(0.9),
      message: pick(['Fix null handling in inferrer', 'Bump vitest from 4.1.11 to 4.1.12', "Merge pull request #42 from acme/feat\n\nAdd draft-07 output"]),
      timestamp: isoOffset(epoch(), pick([0, 2, -7, 9])),
      url: `https://github.com/${repository.full_name}/commit/${id}`,
      author,
      committer: chance(0.5) ? { name: 'GitHub', email: 'noreply@github.com', username: 'web-flow' } : author,
      added: chance(0.6) ? [] : ['src/new-file.ts'],
      removed: chance(0.8) ? [] : ['old/legacy.js'],
      modified: chance(0.2) ? [] : ['README.md', 'src/index.ts'].slice(0, int(1, 2)),
    };
  });
  const branch = pick(['main', 'feature/draft-07', 'dependabot/npm_and_yarn/vitest-4.1.12']);
  const before = deleted ? hex(40) : chance(0.15) ? '0000000000000000000000000000000000000000' : hex(40);
  const after = deleted ? '0000000000000000000000000000000000000000' : commits[commits.length - 1].id;
  return {
    ref: `refs/heads/${branch}`,
    before,
    after,
    repository,
    pusher: { name: pusherP.first, email: pusherP.email },
    ...installation(),
    sender: ghUser(),
    created: before.startsWith('0000'),
    deleted,
    forced: chance(0.1),
    base_ref: null,
    compare: `https://github.com/${repository.full_name}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits,
    head_commit: deleted ? null : commits[commits.length - 1],
  };
}
function ghPullRequestOpened() {
  const repository = ghRepo();
  const number = int(1, 900);
  const url = `https://api.github.com/repos/${repository.full_name}/pulls/${number}`;
  const user = ghUser();
  const created = epoch();
  const branchRef = (ref, repo) => ({ label: `${repo.owner.login}:${ref}`, ref, sha: hex(40), user: repo.owner, repo });
  return {
    action: 'opened',
    number,
    pull_request: {
      url,
      id: int(1_000_000_000, 1_999_999_999),
      node_id: `PR_kwDO${alnum(12)}`,
      html_url: `https://github.com/${repository.full_name}/pull/${number}`,
      diff_url: `https://github.com/${repository.full_name}/pull/${number}.diff`,
      patch_url: `https://github.com/${repository.full_name}/pull/${number}.patch`,
      issue_url: `https://api.github.com/repos/${repository.full_name}/issues/${number}`,
      number,
      state: 'open',
      locked: false,
      title: pick(['Add draft-07 output', 'Bump ajv from 8.17.1 to 8.20.0', 'fix: keep __proto__ keys as data']),
      user,
      body: chance(0.3) ? null : 'Closes #12.\n\n- [x] tests\n- [ ] docs',
      created_at: isoZ(created),
      updated_at: isoZ(created),
      closed_at: null,
      merged_at: null,
      merge_commit_sha: null,
      assignee: null,
      assignees: [],
      requested_reviewers: chance(0.5) ? [] : [ghUser()],
      requested_teams: [],
      labels: ghLabels(repository),
      milestone: null,
      draft: chance(0.3),
      commits_url: `${url}/commits`,
      review_comments_url: `${url}/comments`,
      review_comment_url: `https://api.github.com/repos/${repository.full_name}/pulls/comments{/number}`,
      comments_url: `https://api.github.com/repos/${repository.full_name}/issues/${number}/comments`,
      statuses_url: `https://api.github.com/repos/${repository.full_name}/statuses/${hex(40)}`,
      head: branchRef(pick(['feat/draft-07', 'dependabot/npm_and_yarn/ajv-8.20.0', 'fix-proto']), repository),
      base: branchRef('main', repository),
      author_association: pick(['OWNER', 'CONTRIBUTOR', 'NONE']),
      auto_merge: null,
      active_lock_reason: null,
      merged: false,
      mergeable: null,
      rebaseable: null,
      mergeable_state: 'unknown',
      merged_by: null,
      comments: 0,
      review_comments: 0,
      maintainer_can_modify: chance(0.5),
      commits: int(1, 12),
      additions: int(1, 900),
      deletions: int(0, 300),
      changed_files: int(1, 30),
    },
    repository,
    sender: user,
    ...installation(),
  };
}
function ghIssueComment() {
  const repository = ghRepo();
  const issue = ghIssue(repository, pick(['open', 'open', 'closed']));
  const id = int(1_000_000_000, 2_999_999_999);
  const created = epoch();
  const url = `https://api.github.com/repos/${repository.full_name}/issues/comments/${id}`;
  const isPr = chance(0.3);
  if (isPr) issue.pull_request = { url: issue.url.replace('/issues/', '/pulls/'), html_url: issue.html_url.replace('/issues/', '/pull/'), diff_url: issue.html_url.replace('/issues/', '/pull/') + '.diff', patch_url: issue.html_url.replace('/issues/', '/pull/') + '.patch', merged_at: null };
  return {
    action: 'created',
    issue,
    comment: {
      url,
      html_url: `${issue.html_url}#issuecomment-${id}`,
      issue_url: issue.url,
      id,
      node_id: `IC_kwDO${alnum(14)}`,
      user: ghUser(),
      created_at: isoZ(created),
      updated_at: isoZ(created),
      author_association: pick(['OWNER', 'MEMBER', 'NONE', 'CONTRIBUTOR']),
      body: pick(['LGTM 👍', 'Can you add a test for this?', '/retest', '> quoted\n\nI can reproduce on `main`.']),
      reactions: reactions(url),
      performed_via_github_app: null,
    },
    repository,
    sender: ghUser(),
    ...installation(),
  };
}
function ghCheckSuite() {
  const repository = ghRepo();
  const created = epoch();
  const headSha = hex(40);
  const conclusion = pick(['success', 'success', 'failure', 'neutral', 'cancelled', 'skipped', 'timed_out', 'action_required']);
  const app = pick([
    { id: 15368, slug: 'github-actions', name: 'GitHub Actions', owner: ghUser('github'), permissions: { actions: 'write', checks: 'write', contents: 'write', deployments: 'write', issues: 'write', metadata: 'read', packages: 'write', pull_requests: 'write', statuses: 'write' }, events: ['branch_protection_rule', 'check_run', 'check_suite', 'create', 'delete', 'deployment', 'pull_request', 'push', 'release', 'workflow_dispatch'] },
    { id: 12131, slug: 'codecov', name: 'Codecov', owner: ghUser('codecov'), permissions: { checks: 'write', contents: 'read', metadata: 'read', pull_requests: 'write', statuses: 'write' }, events: ['check_run', 'pull_request', 'push', 'status'] },
    { id: 9426, slug: 'netlify', name: 'Netlify', owner: ghUser('netlify'), permissions: { checks: 'write', deployments: 'write', metadata: 'read', pull_requests: 'write' }, events: [] },
  ]);
  const withPr = chance(0.5);
  return {
    action: 'completed',
    check_suite: {
      id: int(10_000_000_000, 29_999_999_999),
      node_id: `CS_kwDO${alnum(14)}`,
      head_branch: chance(0.15) ? null : pick(['main', 'feat/draft-07']),
      head_sha: headSha,
      status: 'completed',
      conclusion,
      url: `https://api.github.com/repos/${repository.full_name}/check-suites/${int(1e9, 9e9)}`,
      before: hex(40),
      after: headSha,
      pull_requests: withPr
        ? [{ url: `https://api.github.com/repos/${repository.full_name}/pulls/${int(1, 900)}`, id: int(1e9, 2e9), number: int(1, 900), head: { ref: 'feat/draft-07', sha: headSha, repo: { id: repository.id, url: repository.url, name: repository.name } }, base: { ref: 'main', sha: hex(40), repo: { id: repository.id, url: repository.url, name: repository.name } } }]
        : [],
      app: {
        id: app.id,
        slug: app.slug,
        node_id: `MDM6QXBw${alnum(8)}`,
        owner: app.owner,
        name: app.name,
        description: chance(0.4) ? '' : 'Automate your workflow from idea to production',
        external_url: `https://${app.slug}.example.com`,
        html_url: `https://github.com/apps/${app.slug}`,
        created_at: isoZ(created - 1500 * 86400),
        updated_at: isoZ(created - 200 * 86400),
        permissions: app.permissions,
        events: app.events,
      },
      created_at: isoZ(created),
      updated_at: isoZ(created + int(30, 900)),
      rerequestable: true,
      runs_rerequestable: chance(0.8),
      latest_check_runs_count: int(1, 14),
      check_runs_url: `https://api.github.com/repos/${repository.full_name}/check-suites/1/check-runs`,
      head_commit: { id: headSha, tree_id: hex(40), message: pick(['Fix flaky test', 'Add fixtures']), timestamp: isoZ(created - 60), author: { name: 'Ada Lovelace', email: 'ada@example.com' }, committer: { name: 'GitHub', email: 'noreply@github.com' } },
    },
    repository,
    sender: ghUser(),
    ...installation(),
  };
}
R = rng(101);
writeFixture('github.push', 'GitHub push: `repository.created_at`/`pushed_at` are epoch seconds here (ISO elsewhere), `head_commit` is null on branch deletion, commit timestamps carry offsets.', Array.from({ length: 10 }, ghPush));
R = rng(102);
writeFixture('github.issues.opened', 'GitHub issues.opened: nested user objects, nullable assignee/milestone/body, ISO dates, many URL fields and label arrays that are sometimes empty.', Array.from({ length: 8 }, () => ghIssuesEvent('opened')));
R = rng(103);
writeFixture('github.issues.closed', 'GitHub issues.closed: `closed_at` and `state_reason` are set, unlike issues.opened.', Array.from({ length: 6 }, () => ghIssuesEvent('closed')));
R = rng(104);
writeFixture('github.pull_request.opened', 'GitHub pull_request.opened: deep nesting (head/base repo objects), many nulls that are always null in opened PRs.', Array.from({ length: 6 }, ghPullRequestOpened));
R = rng(105);
writeFixture('github.issue_comment.created', 'GitHub issue_comment.created: `issue.pull_request` is present only for comments on pull requests.', Array.from({ length: 8 }, ghIssueComment));
R = rng(106);
writeFixture('github.check_suite.completed', 'GitHub check_suite.completed: `conclusion` enum, `app.permissions` maps permission names to read/write, nullable `head_branch`.', Array.from({ length: 10 }, ghCheckSuite));
R = rng(107);
{
  const issuesStream = Array.from({ length: 10 }, (_, i) => ghIssuesEvent(i % 3 === 2 ? 'closed' : 'opened'));
  writeFixture('github.issues.mixed', 'GitHub issues opened and closed deliveries in one stream: the same object shape with `action` values opened/closed.', issuesStream, { ndjson: true });
  writeFixture(
    'github.issues.mixed.no-split',
    'The github.issues.mixed stream with `discriminator: false`: one object schema where `action` is an enum and the closed-only fields (`closed_at`, `state_reason`) are nullable, nothing split.',
    issuesStream,
    { ndjson: true, options: { discriminator: false } },
  );
}

// ───────────────────────────── Stripe ─────────────────────────────
const CURRENCIES = ['usd', 'usd', 'eur', 'gbp'];
const stripeId = (p, n = 24) => `${p}_${alnum(n)}`;
// A real account sees the same few customers and products again and again: ids repeat across deliveries.
const CUSTOMERS = ['cus_PvQm3kX9aZ1LwB', 'cus_Q1xR7dLmN0pTzc', 'cus_NffrFeUfNV2Hib', 'cus_Pb8sKw2YtE4hQa', 'cus_QaV3nM5rJ8uXyd'];
const PRODUCTS_STRIPE = ['prod_PqB7mXzL2kV9aC', 'prod_QwE4rT6yU8iO1p'];
const customerId = () => pick(CUSTOMERS);
function stripeEvent(type, object, previous) {
  const ev = {
    id: stripeId('evt', 24),
    object: 'event',
    api_version: pick(['2024-04-10', '2023-10-16']),
    created: object.created + int(0, 5),
    data: { object },
    livemode: object.livemode,
    pending_webhooks: int(1, 3),
    request: chance(0.4) ? { id: null, idempotency_key: null } : { id: stripeId('req', 14), idempotency_key: chance(0.5) ? uuid() : null },
    type,
  };
  if (previous) ev.data.previous_attributes = previous;
  return ev;
}
const METADATA_KEYS = ['order_id', 'cart_id', 'customer_ref', 'campaign', 'source', 'internal_note', 'plan_tier', 'affiliate', 'shop_domain'];
const metadata = (p = 0.5) => {
  const m = {};
  if (chance(p)) for (const k of METADATA_KEYS) if (chance(0.3)) m[k] = k.endsWith('_id') ? `${int(10000, 99999)}` : pick(['spring24', 'web', 'ref-ab12', 'gold', 'acme.myshopify.com']);
  return m;
};
const address = () =>
  chance(0.2)
    ? { city: null, country: pick(['US', 'DE']), line1: null, line2: null, postal_code: pick(['94107', '10115']), state: null }
    : { city: pick(['San Francisco', 'Berlin', 'London']), country: pick(['US', 'DE', 'GB']), line1: `${int(1, 999)} Market St`, line2: chance(0.6) ? null : `Apt ${int(1, 40)}`, postal_code: pick(['94107', '10115', 'EC1A 1BB']), state: chance(0.5) ? 'CA' : null };
function paymentIntent() {
  const created = epoch();
  const amount = int(500, 99_999);
  const customer = chance(0.7) ? customerId() : null;
  const id = stripeId('pi', 24);
  return stripeEvent('payment_intent.succeeded', {
    id,
    object: 'payment_intent',
    amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: amount,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: chance(0.5) ? null : { allow_redirects: 'always', enabled: true },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: pick(['automatic', 'automatic_async']),
    client_secret: `${id}_secret_${alnum(25)}`,
    confirmation_method: 'automatic',
    created,
    currency: pick(CURRENCIES),
    customer,
    description: chance(0.5) ? null : `Order #${int(1000, 9999)}`,
    invoice: chance(0.7) ? null : stripeId('in', 24),
    last_payment_error: null,
    latest_charge: stripeId('ch', 24),
    livemode: chance(0.5),
    metadata: metadata(),
    next_action: null,
    on_behalf_of: null,
    payment_method: stripeId('pm', 24),
    payment_method_configuration_details: null,
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    processing: null,
    receipt_email: chance(0.5) ? null : person().email,
    review: null,
    setup_future_usage: chance(0.7) ? null : 'off_session',
    shipping: chance(0.6) ? null : { address: address(), carrier: null, name: person().name, phone: null, tracking_number: null },
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'succeeded',
    transfer_data: null,
    transfer_group: null,
  });
}
const price = (created) => {
  const unit = pick([900, 2000, 4900, 19900]);
  const interval = pick(['month', 'month', 'year']);
  return {
    id: stripeId('price', 24),
    object: 'price',
    active: true,
    billing_scheme: 'per_unit',
    created: created - 200 * 86400,
    currency: 'usd',
    custom_unit_amount: null,
    livemode: false,
    lookup_key: chance(0.5) ? null : `pro_${interval}ly`,
    metadata: {},
    nickname: chance(0.5) ? null : 'Pro',
    product: pick(PRODUCTS_STRIPE),
    recurring: { aggregate_usage: null, interval, interval_count: 1, trial_period_days: null, usage_type: 'licensed' },
    tax_behavior: pick(['unspecified', 'exclusive']),
    tiers_mode: null,
    transform_quantity: null,
    type: 'recurring',
    unit_amount: unit,
    unit_amount_decimal: String(unit),
  };
};
function invoicePaid() {
  const created = epoch();
  const p = person();
  const sub = stripeId('sub', 24);
  const lines = Array.from({ length: int(1, 2) }, () => {
    const pr = price(created);
    const qty = int(1, 5);
    return { id: stripeId('il', 24), object: 'line_item', amount: pr.unit_amount * qty, amount_excluding_tax: pr.unit_amount * qty, currency: 'usd', description: `${qty} × Pro (at $${(pr.unit_amount / 100).toFixed(2)} / ${pr.recurring.interval})`, discount_amounts: [], discountable: true, discounts: [], livemode: false, metadata: {}, period: { end: created + 30 * 86400, start: created }, plan: null, price: pr, proration: false, proration_details: { credited_items: null }, quantity: qty, subscription: sub, subscription_item: stripeId('si', 14), tax_amounts: [], tax_rates: [], type: 'subscription', unit_amount_excluding_tax: String(pr.unit_amount) };
  });
  const total = lines.reduce((s, l) => s + l.amount, 0);
  const id = stripeId('in', 24);
  return stripeEvent('invoice.paid', {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'ACME Inc.',
    amount_due: total,
    amount_paid: total,
    amount_remaining: 0,
    attempt_count: int(0, 2),
    attempted: true,
    auto_advance: false,
    billing_reason: pick(['subscription_cycle', 'subscription_create', 'subscription_update', 'manual']),
    charge: chance(0.1) ? null : stripeId('ch', 24),
    collection_method: 'charge_automatically',
    created,
    currency: 'usd',
    custom_fields: null,
    customer: customerId(),
    customer_address: chance(0.5) ? null : address(),
    customer_email: p.email,
    customer_name: chance(0.2) ? null : p.name,
    customer_phone: null,
    default_payment_method: null,
    description: null,
    discount: null,
    discounts: [],
    due_date: null,
    ending_balance: 0,
    footer: null,
    hosted_invoice_url: `https://invoice.stripe.com/i/acct_${alnum(16)}/test_${alnum(40)}?s=ap`,
    invoice_pdf: `https://pay.stripe.com/invoice/acct_${alnum(16)}/test_${alnum(40)}/pdf?s=ap`,
    lines: { object: 'list', data: lines, has_more: false, total_count: lines.length, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: metadata(0.3),
    number: `${upper(8)}-${pad(int(1, 40), 4)}`,
    paid: true,
    paid_out_of_band: false,
    period_end: created,
    period_start: created - 30 * 86400,
    status: 'paid',
    status_transitions: { finalized_at: created, marked_uncollectible_at: null, paid_at: created + int(1, 60), voided_at: null },
    subscription: sub,
    subtotal: total,
    tax: null,
    total,
    webhooks_delivered_at: chance(0.3) ? null : created + 2,
  });
}
function subscriptionUpdated() {
  const created = epoch() - int(30, 300) * 86400;
  const start = epoch();
  const id = stripeId('sub', 24);
  const status = pick(['active', 'active', 'past_due', 'trialing', 'canceled']);
  const pr = price(created);
  const cancelAtEnd = status === 'active' && chance(0.3);
  const prev = pick([
    () => ({ status: pick(['trialing', 'incomplete', 'active']) }),
    () => ({ cancel_at_period_end: !cancelAtEnd, canceled_at: null, cancellation_details: { reason: null } }),
    () => ({ current_period_end: start, current_period_start: start - 30 * 86400, latest_invoice: stripeId('in', 24) }),
    () => ({ items: { object: 'list', data: [{ id: stripeId('si', 14), object: 'subscription_item', created, metadata: {}, price: price(created), quantity: 1, subscription: id }], has_more: false, total_count: 1, url: `/v1/subscription_items?subscription=${id}` }, plan: null, quantity: 1 }),
  ])();
  return stripeEvent(
    'customer.subscription.updated',
    {
      id,
      object: 'subscription',
      application: null,
      billing_cycle_anchor: created,
      cancel_at: cancelAtEnd ? start + 30 * 86400 : null,
      cancel_at_period_end: cancelAtEnd,
      canceled_at: status === 'canceled' || cancelAtEnd ? start - 3600 : null,
      cancellation_details: { comment: null, feedback: status === 'canceled' ? pick(['too_expensive', 'unused', null]) : null, reason: status === 'canceled' ? 'cancellation_requested' : null },
      collection_method: 'charge_automatically',
      created,
      currency: 'usd',
      current_period_end: start + 30 * 86400,
      current_period_start: start,
      customer: customerId(),
      days_until_due: null,
      default_payment_method: chance(0.3) ? null : stripeId('pm', 24),
      discount: null,
      ended_at: status === 'canceled' ? start : null,
      items: { object: 'list', data: [{ id: stripeId('si', 14), object: 'subscription_item', created, metadata: {}, price: pr, quantity: int(1, 10), subscription: id, tax_rates: [] }], has_more: false, total_count: 1, url: `/v1/subscription_items?subscription=${id}` },
      latest_invoice: stripeId('in', 24),
      livemode: false,
      metadata: metadata(0.4),
      pause_collection: null,
      quantity: 1,
      schedule: null,
      start_date: created,
      status,
      trial_end: status === 'trialing' ? start + 14 * 86400 : null,
      trial_start: status === 'trialing' ? start : null,
    },
    prev,
  );
}
function chargeRefunded() {
  const created = epoch();
  const amount = int(500, 50_000);
  const full = chance(0.6);
  const refunded = full ? amount : int(100, amount - 1);
  const p = person();
  const id = stripeId('ch', 24);
  const brand = pick(['visa', 'mastercard', 'amex']);
  // metadata is a free-form map: keys differ from one charge to the next.
  const meta = {};
  for (const k of METADATA_KEYS) if (chance(0.35)) meta[k] = k.endsWith('_id') ? String(int(1000, 99999)) : pick(['spring24', 'web', 'pos', 'gold', 'acme.myshopify.com']);
  return stripeEvent(
    'charge.refunded',
    {
      id,
      object: 'charge',
      amount,
      amount_captured: amount,
      amount_refunded: refunded,
      application: null,
      application_fee: null,
      balance_transaction: stripeId('txn', 24),
      billing_details: { address: address(), email: chance(0.3) ? null : p.email, name: chance(0.2) ? null : p.name, phone: null },
      calculated_statement_descriptor: 'ACME INC',
      captured: true,
      created,
      currency: pick(CURRENCIES),
      customer: chance(0.3) ? null : customerId(),
      description: chance(0.5) ? null : `Order #${int(1000, 9999)}`,
      disputed: false,
      failure_code: null,
      failure_message: null,
      fraud_details: {},
      livemode: false,
      metadata: meta,
      outcome: { network_status: 'approved_by_network', reason: null, risk_level: pick(['normal', 'elevated']), risk_score: int(0, 80), seller_message: 'Payment complete.', type: 'authorized' },
      paid: true,
      payment_intent: stripeId('pi', 24),
      payment_method: stripeId('pm', 24),
      payment_method_details: {
        card: { amount_authorized: amount, brand, checks: { address_line1_check: chance(0.5) ? null : 'pass', address_postal_code_check: pick(['pass', null, 'unavailable']), cvc_check: pick(['pass', 'pass', null]) }, country: pick(['US', 'GB', 'DE']), exp_month: int(1, 12), exp_year: int(2025, 2031), fingerprint: alnum(16), funding: pick(['credit', 'debit']), last4: pick(['4242', '0005', '4444', '1881']), network: brand, three_d_secure: null, wallet: chance(0.7) ? null : { apple_pay: {}, dynamic_last4: '1234', type: 'apple_pay' } },
        type: 'card',
      },
      receipt_email: chance(0.4) ? null : p.email,
      receipt_number: null,
      receipt_url: `https://pay.stripe.com/receipts/payment/${alnum(60)}`,
      refunded: full,
      refunds: { object: 'list', data: [{ id: stripeId('re', 24), object: 'refund', amount: refunded, balance_transaction: stripeId('txn', 24), charge: id, created: created + int(3600, 86400 * 5), currency: 'usd', metadata: {}, payment_intent: stripeId('pi', 24), reason: pick(['requested_by_customer', null, 'duplicate', 'fraudulent']), receipt_number: null, source_transfer_reversal: null, status: 'succeeded', transfer_reversal: null }], has_more: false, total_count: 1, url: `/v1/charges/${id}/refunds` },
      review: null,
      shipping: null,
      source_transfer: null,
      statement_descriptor: null,
      statement_descriptor_suffix: null,
      status: 'succeeded',
      transfer_data: null,
      transfer_group: null,
    },
    { amount_refunded: 0, refunded: false, refunds: { data: [], total_count: 0 } },
  );
}
R = rng(201);
writeFixture('stripe.payment_intent.succeeded', 'Stripe payment_intent.succeeded: epoch-second `created`, `livemode`, `metadata` that is empty or carries free-form keys, many always-null fields.', Array.from({ length: 10 }, paymentIntent));
R = rng(202);
writeFixture('stripe.invoice.paid', 'Stripe invoice.paid: Stripe list objects (`lines.data`), nested prices, money as integer cents, `unit_amount_decimal` as a numeric string.', Array.from({ length: 8 }, invoicePaid));
R = rng(203);
writeFixture('stripe.customer.subscription.updated', 'Stripe customer.subscription.updated: `data.previous_attributes` holds a different subset of keys in every delivery (all optional).', Array.from({ length: 12 }, subscriptionUpdated));
R = rng(204);
writeFixture('stripe.charge.refunded', 'Stripe charge.refunded: `metadata` is a free-form string map whose keys change from charge to charge; must become a map, not a long list of optional properties. Customer ids (cus_…) repeat across charges but are ids.', Array.from({ length: 14 }, chargeRefunded));
R = rng(205);
{
  const makers = [paymentIntent, invoicePaid, subscriptionUpdated, chargeRefunded];
  writeFixture('stripe.mixed', 'Four Stripe event types in one stream: discriminated by `type`, each variant with its own `data.object` shape.', Array.from({ length: 16 }, (_, i) => makers[(i * 3) % 4]()), { ndjson: true });
}

// ───────────────────────────── Shopify orders/create ─────────────────────────────
const money = (n) => (n / 100).toFixed(2);
const priceSet = (amount, cur) => ({ shop_money: { amount, currency_code: cur }, presentment_money: { amount, currency_code: cur } });
const PRODUCTS = [
  ['Organic Cotton Tee', 'Black / M', 'TEE-BLK-M', 2499, 180],
  ['Organic Cotton Tee', 'White / S', 'TEE-WHT-S', 2499, 170],
  ['Canvas Tote', null, 'TOTE-01', 1800, 300],
  ['Gift Card', '$50', '', 5000, 0],
  ['Ceramic Mug', 'Blue', 'MUG-BLU', 1450, 400],
];
function shopAddress(p) {
  const us = chance(0.7);
  return {
    first_name: p.first[0].toUpperCase() + p.first.slice(1),
    address1: `${int(1, 999)} ${pick(['Main St', 'Elm Ave', 'Queen St W'])}`,
    phone: chance(0.5) ? null : `+1${int(2000000000, 9899999999)}`,
    city: us ? pick(['Springfield', 'Portland']) : 'Toronto',
    zip: us ? pick(['97201', '62704', '02134']) : 'M5V 2T6',
    province: us ? pick(['Oregon', 'Illinois']) : 'Ontario',
    country: us ? 'United States' : 'Canada',
    last_name: p.last[0].toUpperCase() + p.last.slice(1),
    address2: chance(0.6) ? '' : `Suite ${int(100, 900)}`,
    company: chance(0.8) ? null : 'ACME Corp',
    latitude: chance(0.3) ? null : +(rand() * 40 + 10).toFixed(7),
    longitude: chance(0.3) ? null : -(rand() * 60 + 60).toFixed(7),
    name: p.name,
    country_code: us ? 'US' : 'CA',
    province_code: us ? pick(['OR', 'IL']) : 'ON',
  };
}
function shopifyOrder() {
  const p = person();
  const sec = epoch();
  const created = isoOffset(sec, -4);
  const orderNumber = int(1001, 1999);
  const id = int(5_000_000_000_000, 5_999_999_999_999);
  const cur = pick(['USD', 'USD', 'CAD']);
  const items = Array.from({ length: int(1, 3) }, () => {
    const [title, variant, sku, cents, grams] = pick(PRODUCTS);
    const qty = int(1, 3);
    const lid = int(13_000_000_000_000, 13_999_999_999_999);
    const gift = title === 'Gift Card';
    return {
      id: lid,
      admin_graphql_api_id: `gid://shopify/LineItem/${lid}`,
      attributed_staffs: [],
      current_quantity: qty,
      fulfillable_quantity: qty,
      fulfillment_service: 'manual',
      fulfillment_status: null,
      gift_card: gift,
      grams,
      name: variant ? `${title} - ${variant}` : title,
      price: money(cents),
      price_set: priceSet(money(cents), cur),
      product_exists: true,
      product_id: int(7_000_000_000_000, 7_999_999_999_999),
      properties: chance(0.8) ? [] : [{ name: 'Engraving', value: 'For Ada <3' }],
      quantity: qty,
      requires_shipping: !gift,
      sku: sku === '' ? (chance(0.5) ? '' : null) : sku,
      taxable: !gift,
      title,
      total_discount: '0.00',
      total_discount_set: priceSet('0.00', cur),
      variant_id: int(40_000_000_000_000, 49_999_999_999_999),
      variant_inventory_management: gift ? null : 'shopify',
      variant_title: variant,
      vendor: 'ACME Goods',
      tax_lines: gift ? [] : [{ channel_liable: false, price: money(Math.round(cents * qty * 0.08)), price_set: priceSet(money(Math.round(cents * qty * 0.08)), cur), rate: 0.08, title: 'State Tax' }],
      duties: [],
      discount_allocations: [],
    };
  });
  const subtotal = items.reduce((s, it) => s + Math.round(+it.price * 100) * it.quantity, 0);
  const tax = items.reduce((s, it) => s + it.tax_lines.reduce((t, l) => t + Math.round(+l.price * 100), 0), 0);
  const shipping = pick([0, 500, 1299]);
  const discount = chance(0.3) ? 500 : 0;
  const total = subtotal + tax + shipping - discount;
  const addr = shopAddress(p);
  const customerId = int(6_000_000_000_000, 6_999_999_999_999);
  const guest = chance(0.15);
  return {
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    app_id: pick([580111, 1354745]),
    browser_ip: chance(0.2) ? null : ip(),
    buyer_accepts_marketing: chance(0.4),
    cancel_reason: null,
    cancelled_at: null,
    cart_token: chance(0.3) ? null : `Z2NwLXVzLWVhc3QxOjAxSF${upper(20)}`,
    checkout_id: int(30_000_000_000_000, 39_999_999_999_999),
    checkout_token: hex(32),
    client_details: chance(0.2) ? null : { accept_language: pick(['en-US', 'en-CA,en;q=0.9', null]), browser_height: null, browser_ip: ip(), browser_width: null, session_hash: null, user_agent: pick(UAS) },
    closed_at: null,
    confirmation_number: upper(9),
    confirmed: true,
    contact_email: guest ? null : p.email,
    created_at: created,
    currency: cur,
    current_subtotal_price: money(subtotal - discount),
    current_total_discounts: money(discount),
    current_total_price: money(total),
    current_total_tax: money(tax),
    customer_locale: pick(['en', 'en-US', 'fr']),
    discount_codes: discount ? [{ code: 'SPRING5', amount: money(discount), type: 'fixed_amount' }] : [],
    email: guest ? '' : p.email,
    estimated_taxes: false,
    financial_status: pick(['paid', 'paid', 'pending', 'authorized']),
    fulfillment_status: null,
    landing_site: chance(0.3) ? null : '/products/organic-cotton-tee?utm_source=newsletter',
    name: `#${orderNumber}`,
    note: chance(0.7) ? null : 'Please gift wrap 🎁',
    note_attributes: chance(0.7) ? [] : [{ name: 'delivery_date', value: '2024-05-10' }],
    number: orderNumber - 1000,
    order_number: orderNumber,
    order_status_url: `https://acme.myshopify.com/72015315/orders/${hex(32)}/authenticate?key=${hex(32)}`,
    payment_gateway_names: chance(0.2) ? ['gift_card', 'shopify_payments'] : ['shopify_payments'],
    phone: chance(0.8) ? null : `+1${int(2000000000, 9899999999)}`,
    presentment_currency: cur,
    processed_at: created,
    referring_site: chance(0.5) ? '' : 'https://www.google.com/',
    source_name: pick(['web', 'web', 'pos', '580111']),
    subtotal_price: money(subtotal - discount),
    subtotal_price_set: priceSet(money(subtotal - discount), cur),
    tags: pick(['', '', 'vip', 'wholesale, net-30']),
    tax_lines: tax ? [{ price: money(tax), rate: 0.08, title: 'State Tax', channel_liable: false }] : [],
    taxes_included: false,
    test: chance(0.2),
    token: hex(32),
    total_discounts: money(discount),
    total_line_items_price: money(subtotal),
    total_price: money(total),
    total_price_set: priceSet(money(total), cur),
    total_tax: money(tax),
    total_weight: items.reduce((s, it) => s + it.grams * it.quantity, 0),
    updated_at: isoOffset(sec + int(1, 30), -4),
    user_id: null,
    billing_address: addr,
    customer: guest
      ? null
      : {
          id: customerId,
          email: p.email,
          created_at: isoOffset(sec - int(0, 400) * 86400, -4),
          updated_at: created,
          first_name: addr.first_name,
          last_name: addr.last_name,
          state: pick(['enabled', 'disabled', 'invited']),
          note: null,
          verified_email: chance(0.8),
          multipass_identifier: null,
          tax_exempt: false,
          phone: addr.phone,
          email_marketing_consent: { state: pick(['subscribed', 'not_subscribed']), opt_in_level: 'single_opt_in', consent_updated_at: chance(0.5) ? null : isoOffset(sec - 86400, -4) },
          tags: '',
          currency: cur,
          admin_graphql_api_id: `gid://shopify/Customer/${customerId}`,
          default_address: { id: int(8_000_000_000_000, 8_999_999_999_999), customer_id: customerId, ...addr, default: true },
        },
    line_items: items,
    shipping_address: items.every((it) => it.gift_card) ? null : shopAddress(p),
    shipping_lines: shipping ? [{ id: int(4_000_000_000_000, 4_999_999_999_999), carrier_identifier: null, code: shipping === 500 ? 'Standard' : 'Express', discounted_price: money(shipping), price: money(shipping), source: 'shopify', title: shipping === 500 ? 'Standard Shipping' : 'Express', tax_lines: [], discount_allocations: [] }] : [],
    fulfillments: [],
    refunds: [],
  };
}
R = rng(301);
writeFixture('shopify.orders.create', 'Shopify orders/create: money as decimal strings ("24.99"), ISO dates with -04:00 offsets, numeric ids above 2^32, zip codes that look numeric but are strings, nullable customer for guest checkouts.', Array.from({ length: 8 }, shopifyOrder));

// ───────────────────────────── Segment ─────────────────────────────
function segmentContext(client) {
  const c = { library: client ? { name: 'analytics.js', version: `next-1.${int(50, 70)}.0` } : { name: 'analytics-node', version: '2.1.0' } };
  if (client) {
    c.ip = ip();
    c.locale = pick(['en-US', 'de-DE', 'fr-FR']);
    c.page = { path: '/checkout', referrer: pick(['', 'https://www.google.com/']), search: pick(['', '?utm_source=newsletter']), title: 'Checkout – ACME', url: 'https://shop.example.com/checkout' };
    c.userAgent = pick(UAS);
    if (chance(0.3)) c.campaign = { name: 'spring24', source: 'newsletter', medium: 'email' };
  }
  return c;
}
function segmentTimes() {
  const sec = epoch();
  const ts = isoMs(sec);
  return { originalTimestamp: ts, receivedAt: isoMs(sec + 1), sentAt: isoMs(sec), timestamp: ts };
}
function segmentTrack() {
  const client = chance(0.6);
  const event = pick(['Order Completed', 'Product Viewed', 'Signed Up']);
  const props =
    event === 'Order Completed'
      ? { order_id: `ord_${alnum(10)}`, total: +(rand() * 200 + 10).toFixed(2), revenue: +(rand() * 180 + 5).toFixed(2), currency: 'USD', coupon: chance(0.5) ? null : 'SPRING5', products: Array.from({ length: int(1, 3) }, () => ({ product_id: `p_${int(100, 999)}`, sku: `SKU-${int(1000, 9999)}`, name: pick(['Tee', 'Tote', 'Mug']), price: +(rand() * 50).toFixed(2), quantity: int(1, 3) })) }
      : event === 'Product Viewed'
        ? { product_id: `p_${int(100, 999)}`, name: pick(['Tee', 'Tote']), price: pick([24.99, 18, 14.5]), url: 'https://shop.example.com/products/tee' }
        : { plan: pick(['free', 'pro']), method: pick(['email', 'google']) };
  const userId = chance(0.7) ? `usr_${alnum(12)}` : null;
  return { anonymousId: uuid(), channel: client ? 'client' : 'server', context: segmentContext(client), event, integrations: chance(0.7) ? {} : { All: true, Mixpanel: false }, messageId: client ? `ajs-next-${hex(32)}` : `node-next-${alnum(20)}`, ...segmentTimes(), properties: props, type: 'track', userId, version: 2 };
}
function segmentIdentify() {
  const p = person();
  const client = chance(0.5);
  const traits = { email: p.email, firstName: p.first, lastName: p.last };
  if (chance(0.6)) traits.plan = pick(['free', 'pro', 'enterprise']);
  if (chance(0.5)) traits.createdAt = isoZ(epoch() - 300 * 86400);
  if (chance(0.3)) traits.company = { name: 'ACME Inc.', id: `org_${int(100, 999)}`, employee_count: int(5, 5000) };
  if (chance(0.3)) traits.phone = null;
  return { anonymousId: chance(0.2) ? null : uuid(), channel: client ? 'client' : 'server', context: segmentContext(client), integrations: {}, messageId: `ajs-next-${hex(32)}`, ...segmentTimes(), traits, type: 'identify', userId: `usr_${alnum(12)}`, version: 2 };
}
R = rng(401);
writeFixture('segment.track', 'Segment track calls: `properties` differ per `event` name, client calls carry `context.page`/`ip`/`userAgent` and server calls do not, ISO timestamps with milliseconds.', Array.from({ length: 12 }, segmentTrack));
R = rng(402);
writeFixture('segment.identify', 'Segment identify calls: `traits` with optional nested `company`, `anonymousId` null for some, `messageId` values that must not become an enum.', Array.from({ length: 8 }, segmentIdentify));

function segmentPage() {
  const client = true;
  const page = pick([
    { path: '/', title: 'ACME – Home', url: 'https://shop.example.com/' },
    { path: '/pricing', title: 'Pricing – ACME', url: 'https://shop.example.com/pricing' },
  ]);
  return { anonymousId: uuid(), channel: 'client', context: segmentContext(client), integrations: {}, messageId: `ajs-next-${hex(32)}`, name: page.title.split(' – ')[0], properties: { ...page, referrer: pick(['', 'https://www.google.com/']), search: '' }, ...segmentTimes(), type: 'page', userId: chance(0.5) ? null : `usr_${alnum(12)}`, version: 2 };
}
R = rng(403);
writeFixture(
  'segment.mixed',
  'One Segment source: track, identify and page calls in one stream. Every call has `type`; only track calls have `event`. The union must be by `type` (present in every sample), not by `event`.',
  Array.from({ length: 18 }, (_, i) => [segmentTrack, segmentTrack, segmentIdentify, segmentPage][i % 4]()),
  { ndjson: true },
);

// ───────────────────────────── SendGrid event webhook ─────────────────────────────
function sendgridEvent() {
  const p = person();
  const ts = epoch();
  const event = pick(['processed', 'delivered', 'open', 'click', 'bounce', 'dropped', 'deferred', 'spamreport', 'unsubscribe', 'group_unsubscribe']);
  const e = {
    email: p.email,
    timestamp: ts,
    'smtp-id': `<${alnum(22)}@ismtpd0001p1las1.sendgrid.net>`,
    event,
    sg_event_id: alnum(22),
    sg_message_id: `${alnum(22)}.filterdrecv-${int(100, 999)}-${alnum(5)}-1-${hex(8).toUpperCase()}-${int(1, 40)}.0`,
  };
  // `category` is a string when one category was set and an array when several were.
  if (chance(0.6)) e.category = chance(0.5) ? pick(['newsletter', 'receipt']) : ['newsletter', 'spring24'];
  if (chance(0.3)) e.marketing_campaign_id = int(10000, 99999);
  if (event === 'delivered') e.response = '250 2.0.0 OK  1714564800 d9443c01a7336-1e3c6a4b9f0si2101635ad.123 - gsmtp';
  if (event === 'deferred') {
    e.response = '400 try again later';
    e.attempt = String(int(1, 10));
  }
  if (event === 'open' || event === 'click') {
    e.useragent = pick(UAS);
    e.ip = ip();
    if (chance(0.5)) e.sg_machine_open = false;
  }
  if (event === 'click') e.url = 'https://shop.example.com/sale?utm_source=sendgrid', e.url_offset = { index: int(0, 4), type: 'html' };
  if (event === 'bounce' || event === 'dropped') {
    e.reason = event === 'bounce' ? "550 5.1.1 The email account that you tried to reach does not exist." : 'Bounced Address';
    e.status = '5.0.0';
  }
  if (event === 'bounce') e.type = pick(['bounce', 'blocked']), e.bounce_classification = pick(['Invalid Address', 'Reputation', 'Technical']);
  if (event === 'group_unsubscribe') e.asm_group_id = int(10, 99);
  if (event === 'processed' && chance(0.5)) e.send_at = 0, e.pool = { name: 'transactional', id: 210 };
  if (chance(0.2)) e.tls = 1;
  return e;
}
R = rng(501);
writeFixture('sendgrid.events', 'SendGrid event webhook: every POST body is a JSON ARRAY of events with `timestamp` in epoch seconds, event-specific keys, and `category` that is a string or an array of strings.', Array.from({ length: 6 }, () => Array.from({ length: int(1, 6) }, sendgridEvent)));

// ───────────────────────────── Slack events API ─────────────────────────────
// One workspace with a few channels and people: channel and user ids repeat, as in a real app's stream.
const SLACK_TEAM = 'T0A1B2C3D';
const SLACK_CHANNELS = ['C04LX8QJ7UZ', 'C05B1RKM3PA', 'C06HV2W9TNE'];
const SLACK_USERS = ['U02AB3CD4EF', 'U03GH5IJ6KL', 'U04MN7OP8QR', 'U05ST9UV0WX'];
const SLACK_BOT = 'U07BOTX1Y2Z';
function slackEvent() {
  const team = SLACK_TEAM;
  const sec = epoch();
  const ts = `${sec}.${pad(int(0, 999999), 6)}`;
  const user = pick(SLACK_USERS);
  const kind = pick(['message', 'message', 'app_mention', 'reaction_added']);
  let event;
  if (kind === 'reaction_added') {
    event = { type: 'reaction_added', user, reaction: pick(['thumbsup', 'eyes', 'white_check_mark']), item: { type: 'message', channel: pick(SLACK_CHANNELS), ts: `${sec - 60}.${pad(int(0, 999999), 6)}` }, item_user: pick(SLACK_USERS), event_ts: ts };
  } else {
    const text = kind === 'app_mention' ? `<@U0LAN0Z89> can you deploy ${pick(['main', 'staging'])}?` : pick(['hello world', 'Deploy finished :rocket:', 'see <https://example.com|the docs>']);
    event = {
      ...(kind === 'message' && chance(0.6) ? { client_msg_id: uuid() } : {}),
      type: kind,
      text,
      user,
      ts,
      team,
      ...(chance(0.6) ? { blocks: [{ type: 'rich_text', block_id: alnum(4), elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }] }] } : {}),
      channel: pick(SLACK_CHANNELS),
      event_ts: ts,
      ...(kind === 'message' ? { channel_type: pick(['channel', 'im', 'group']) } : {}),
      ...(chance(0.3) ? { thread_ts: `${sec - 600}.${pad(int(0, 999999), 6)}` } : {}),
    };
  }
  return {
    token: alnum(24),
    team_id: team,
    context_team_id: team,
    context_enterprise_id: null,
    api_app_id: 'A06APPID42',
    event,
    type: 'event_callback',
    event_id: `Ev${upper(10)}`,
    event_time: sec,
    authorizations: [{ enterprise_id: null, team_id: team, user_id: SLACK_BOT, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${alnum(60)}`,
  };
}
R = rng(601);
writeFixture('slack.event_callback', 'Slack Events API event_callback envelopes from one workspace: the inner `event` is a message, app_mention or reaction_added with different keys; channel/user ids (C…, U…) repeat but are ids, not enums; `ts` values are decimal strings, `event_time` is epoch seconds.', Array.from({ length: 16 }, slackEvent));
// ───────────────────────────── Option fixtures (same payloads, InferOptions in options.json) ─────────────────────────────
R = rng(42);
{
  const mixed = [];
  for (let round = 0; round < 3; round++) for (const make of Object.values(iterable)) mixed.push(make());
  for (let i = mixed.length - 1; i > 0; i--) {
    const j = int(0, i);
    [mixed[i], mixed[j]] = [mixed[j], mixed[i]];
  }
  writeFixture('iterable.mixed.draft-07', 'The iterable.mixed stream written as draft-07: `definitions` and `#/definitions/` refs instead of `$defs`, same variants.', mixed, { ndjson: true, options: { draft: 'draft-07' } });
}
R = rng('emailBounce'.length * 7919 + 'e'.charCodeAt(0));
writeFixture(
  'iterable.emailBounce.hinted',
  'Hints a designer would set on too few samples: force an enum on `recipientState`, keep `labels` items free-form, no format on `createdAt`, `userId` never an enum.',
  Array.from({ length: 8 }, iterable.emailBounce),
  { options: { hints: { '/dataFields/recipientState': 'enum', '/dataFields/labels/*': 'no-enum', '/dataFields/createdAt': 'no-format', '/userId': ['no-enum', 'no-format'] } } },
);

// ───────────────────────────── Twilio Event Streams (CloudEvents, posted as an array) ─────────────────────────────
function twilioEvent() {
  const sec = epoch();
  const status = pick(['sent', 'delivered', 'delivered', 'undelivered', 'failed']);
  const sid = `SM${hex(32)}`;
  const data = {
    messageSid: sid,
    accountSid: `AC${hex(32)}`,
    messagingServiceSid: chance(0.3) ? null : `MG${hex(32)}`,
    from: `+1${int(2000000000, 9899999999)}`,
    to: `+44${int(7000000000, 7999999999)}`,
    numSegments: int(1, 3),
    timestamp: isoMs(sec),
    messageStatus: status.toUpperCase(),
  };
  if (status === 'undelivered' || status === 'failed') data.errorCode = pick([30003, 30005, 30007]);
  return {
    specversion: '1.0',
    type: `com.twilio.messaging.message.${status}`,
    source: `/2010-04-01/Accounts/${data.accountSid}/Messages/${sid}.json`,
    id: `EZ${hex(32)}`,
    dataschema: `https://events-schemas.twilio.com/Messaging.MessageStatus/${pick([1, 2])}`,
    datacontenttype: 'application/json',
    time: isoMs(sec),
    data,
  };
}
R = rng(701);
writeFixture('twilio.event-streams', 'Twilio Event Streams webhook: each POST is an ARRAY of CloudEvents (`specversion`, reverse-DNS `type`, ISO `time` with milliseconds), `data.errorCode` only on failures.', Array.from({ length: 6 }, () => Array.from({ length: int(1, 4) }, twilioEvent)));
// ───────────────────────────── Airtable webhook payloads (list payloads API) ─────────────────────────────
// Keyed by ids all the way down: changedTablesById -> changedRecordsById -> cellValuesByFieldId.
const AT = (prefix) => prefix + alnum(14);
const AT_TABLES = [AT('tbl'), AT('tbl')];
const AT_FIELDS = [
  [AT('fld'), () => pick(['Ada Lovelace', 'Grace Hopper', ''])],
  [AT('fld'), () => int(0, 500)],
  [AT('fld'), () => pick(['Todo', 'In progress', 'Done'])],
  [AT('fld'), () => (chance(0.5) ? [AT('rec')] : [])],
  [AT('fld'), () => ({ id: AT('usr'), email: person().email, name: person().name })],
  [AT('fld'), () => isoMs(epoch())],
];
function cells() {
  const out = {};
  for (const [id, make] of AT_FIELDS) if (chance(0.4)) out[id] = make();
  if (Object.keys(out).length === 0) out[AT_FIELDS[0][0]] = AT_FIELDS[0][1]();
  return out;
}
function airtablePayload(n) {
  const changed = {};
  for (const t of AT_TABLES) {
    if (!chance(0.6) && Object.keys(changed).length > 0) continue;
    const table = {};
    if (chance(0.7)) {
      const recs = {};
      for (let i = int(1, 3); i > 0; i--) recs[AT('rec')] = { current: { cellValuesByFieldId: cells() }, ...(chance(0.7) ? { previous: { cellValuesByFieldId: cells() } } : {}), unchanged: chance(0.3) ? { cellValuesByFieldId: cells() } : undefined };
      for (const r of Object.values(recs)) if (r.unchanged === undefined) delete r.unchanged;
      table.changedRecordsById = recs;
    }
    if (chance(0.3)) {
      const created = {};
      created[AT('rec')] = { createdTime: isoMs(epoch()), cellValuesByFieldId: cells() };
      table.createdRecordsById = created;
    }
    if (chance(0.2)) table.destroyedRecordIds = [AT('rec')];
    if (Object.keys(table).length === 0) table.changedRecordsById = { [AT('rec')]: { current: { cellValuesByFieldId: cells() } } };
    changed[t] = table;
  }
  const user = person();
  return {
    timestamp: isoMs(epoch()),
    baseTransactionNumber: n,
    actionMetadata: chance(0.8)
      ? { source: 'client', sourceMetadata: { user: { id: AT('usr'), email: user.email, permissionLevel: pick(['create', 'edit', 'owner']), name: user.name } } }
      : { source: pick(['publicApi', 'automation']), sourceMetadata: {} },
    payloadFormat: 'v0',
    changedTablesById: changed,
  };
}
R = rng(801);
writeFixture('airtable.payloads', 'Airtable webhook payloads: objects keyed by record/table/field ids (changedTablesById, changedRecordsById, cellValuesByFieldId) must be maps, not hundreds of optional properties named tbl…/rec…/fld….', Array.from({ length: 10 }, (_, i) => airtablePayload(100 + i * 3)));
// ───────────────────────────── Intercom (topic is the event type; type is a constant) ─────────────────────────────
function intercomContact(sec) {
  const p = person();
  return { type: 'contact', id: hex(24), workspace_id: 'ecahpwf5', external_id: chance(0.5) ? null : `user-${int(1000, 9999)}`, role: pick(['user', 'lead']), email: p.email, name: p.name, created_at: sec - int(0, 5e6), updated_at: sec, signed_up_at: chance(0.5) ? null : sec - int(0, 5e6), custom_attributes: chance(0.5) ? {} : { plan: pick(['free', 'pro']), seats: int(1, 40) } };
}
function intercomEvent(topic) {
  const sec = epoch();
  let item;
  if (topic.startsWith('contact.')) item = intercomContact(sec);
  else if (topic === 'conversation.user.created' || topic === 'conversation.admin.replied')
    item = { type: 'conversation', id: String(int(100000000000, 999999999999)), created_at: sec - 60, updated_at: sec, state: pick(['open', 'closed', 'snoozed']), open: true, read: chance(0.5), priority: pick(['priority', 'not_priority']), admin_assignee_id: chance(0.5) ? null : int(1000000, 9999999), source: { type: 'conversation', id: String(int(1e9, 9e9)), delivered_as: pick(['customer_initiated', 'admin_initiated']), subject: '', body: '<p>Hi, my webhook payloads fail validation</p>', author: { type: pick(['user', 'lead']), id: hex(24), name: person().name, email: person().email } }, contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: hex(24), external_id: null }] } };
  else item = { type: 'ticket', id: String(int(100, 999)), ticket_id: String(int(1, 400)), ticket_state: pick(['submitted', 'in_progress', 'resolved']), created_at: sec - 600, updated_at: sec, ticket_attributes: { _default_title_: 'Webhook retries', _default_description_: 'They retry forever' } };
  return { type: 'notification_event', app_id: 'ecahpwf5', data: { type: 'notification_event_data', item }, links: {}, id: `notif_${uuid()}`, topic, delivery_status: 'pending', delivery_attempts: 1, delivered_at: 0, first_sent_at: sec, created_at: sec, self: null };
}
R = rng(901);
{
  const topics = ['contact.user.created', 'contact.lead.created', 'conversation.user.created', 'conversation.admin.replied', 'ticket.created'];
  writeFixture(
    'intercom.mixed',
    'Intercom webhooks: `type` is always "notification_event" and the event type is in `topic`; the union must be by topic, and `delivered_at: 0` must not become a timestamp format.',
    Array.from({ length: 20 }, (_, i) => intercomEvent(topics[i % topics.length])),
    { ndjson: true },
  );
}

// ───────────────────────────── HubSpot (array of events, epoch milliseconds) ─────────────────────────────
function hubspotEvent() {
  const kind = pick(['contact.creation', 'contact.propertyChange', 'contact.propertyChange', 'deal.propertyChange', 'contact.deletion']);
  const e = { eventId: int(100000000, 4000000000), subscriptionId: pick([2104291, 2104292, 2104355]), portalId: 62515, appId: 1160452, occurredAt: (epoch() * 1000) + int(0, 999), subscriptionType: kind, attemptNumber: int(0, 3), objectId: int(100, 99999999), changeFlag: kind.endsWith('creation') ? 'CREATED' : kind.endsWith('deletion') ? 'DELETED' : 'PROPERTY_CHANGE', changeSource: pick(['CRM_UI', 'INTEGRATION', 'API', 'IMPORT']) };
  if (kind.endsWith('propertyChange')) {
    const [name, value] = pick([['email', person().email], ['lifecyclestage', pick(['lead', 'customer'])], ['amount', String(int(100, 90000))], ['hs_lead_status', 'OPEN'], ['closedate', String(epoch() * 1000)]]);
    e.propertyName = name;
    e.propertyValue = value; // HubSpot sends every property value as a string
    if (chance(0.3)) e.sourceId = `userId:${int(1000000, 9999999)}`;
  }
  return e;
}
R = rng(1001);
writeFixture('hubspot.webhooks', 'HubSpot webhooks: each POST is an ARRAY of events; `occurredAt` is epoch MILLISECONDS (unix-time-ms); `propertyValue` is always a string even for numbers and dates, so it must not get a format.', Array.from({ length: 8 }, () => Array.from({ length: int(1, 5) }, hubspotEvent)));
console.log('fixture samples written under', ROOT);
