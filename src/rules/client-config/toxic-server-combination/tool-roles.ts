// Classifies a tool by what it gives the model: private data, untrusted outside content, a way to send data out.
import type { KnownTool } from '../server-tools.js';

export type Role = 'private' | 'untrusted' | 'egress';

/** Objects that hold the user's own data. */
const PRIVATE_OBJECTS = new Set([
  'file', 'files', 'directory', 'dir', 'folder', 'document', 'documents', 'doc', 'docs', 'note', 'notes', 'database', 'db', 'sql', 'query',
  'table', 'tables', 'rows', 'record', 'records', 'memory', 'memories', 'graph', 'nodes', 'entities', 'secret', 'secrets', 'credential',
  'credentials', 'password', 'passwords', 'calendar', 'event', 'events', 'contact', 'contacts', 'drive', 'repository', 'repo', 'customer',
  'customers', 'account', 'accounts', 'payment', 'payments', 'invoice', 'invoices', 'keychain', 'vault', 'env', 'clipboard', 'history',
]);
/** Inbound content written by other people: mail, chat, issues, web pages. Reading it lets them talk to the model. */
const UNTRUSTED_OBJECTS = new Set([
  'email', 'emails', 'mail', 'mails', 'inbox', 'message', 'messages', 'chat', 'channel', 'thread', 'threads', 'comment', 'comments', 'issue',
  'issues', 'pull', 'pr', 'prs', 'review', 'reviews', 'ticket', 'tickets', 'post', 'posts', 'tweet', 'tweets', 'feed', 'rss', 'page',
  'webpage', 'url', 'web', 'website', 'html', 'search', 'results', 'news', 'discussion', 'discussions', 'notification', 'notifications',
]);
const READ_VERBS = new Set(['read', 'get', 'list', 'search', 'find', 'query', 'fetch', 'open', 'view', 'show', 'lookup', 'retrieve', 'load', 'export', 'download', 'cat', 'describe']);
const SEND_VERBS = new Set([
  'send', 'post', 'publish', 'upload', 'share', 'tweet', 'reply', 'comment', 'push', 'notify', 'email', 'mail', 'forward', 'submit', 'webhook',
  'create', 'add', 'write', 'update', 'invite', 'message', 'dm', 'broadcast',
]);
/** What a send verb acts on for it to reach other people (creating a local file is not sending). */
const OUTBOUND_OBJECTS = new Set([
  'email', 'mail', 'message', 'messages', 'comment', 'comments', 'issue', 'issues', 'pull', 'pr', 'gist', 'tweet', 'post', 'reply', 'webhook',
  'http', 'request', 'slack', 'discord', 'teams', 'channel', 'sms', 'notification', 'review', 'release', 'discussion', 'page', 'public',
  'upload', 'repository', 'repo', 'branch', 'commit',
]);
/** Objects that make any tool touching them a private-data reader (`execute_sql`, `run_query`). */
const DATA_STORES = new Set(['sql', 'query', 'database', 'db']);
/** Tools that take a URL the model chooses: they read outside content, and the URL itself can carry data out. */
const URL_FETCHERS = /^(?:fetch|fetch_url|fetch_page|http_get|http_request|curl|wget|browse|scrape|crawl|read_url|get_url|open_url|web_fetch|browser_navigate|puppeteer_navigate|playwright_navigate|navigate)$/;
const WEB_SEARCH = /(?:^|_)(?:web_search|search_web|google_search|bing_search|brave_web_search|brave_search|tavily_search|exa_search|internet_search)(?:_|$)/;

/** `read_text_file` → [read, text, file]; `sendEmail` → [send, email]. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The roles a tool plays, from its name, then its annotations, description and (with `--resolve`) handler effects. */
export function rolesOf(tool: KnownTool): Set<Role> {
  const roles = new Set<Role>();
  const name = tool.name.toLowerCase().replace(/-/g, '_');
  const w = words(tool.name);
  // The verb is the first word that is one (`slack_get_channel_history` → get), the service name before it aside.
  const verbAt = Math.max(0, w.findIndex((x) => READ_VERBS.has(x) || SEND_VERBS.has(x)));
  const verb = w[verbAt] ?? '';
  const objects = new Set(w.slice(verbAt + 1));
  if (URL_FETCHERS.test(name)) {
    roles.add('untrusted');
    roles.add('egress');
  }
  if (WEB_SEARCH.test(`_${name}_`)) roles.add('untrusted');
  const reads = READ_VERBS.has(verb) || w.length === 1;
  if (reads && [...objects].some((o) => PRIVATE_OBJECTS.has(o))) roles.add('private');
  if (w.some((o) => DATA_STORES.has(o)) && !SEND_VERBS.has(verb)) roles.add('private');
  if ((reads || verb === 'search') && [...objects].some((o) => UNTRUSTED_OBJECTS.has(o))) roles.add('untrusted');
  if (SEND_VERBS.has(verb) && [...objects].some((o) => OUTBOUND_OBJECTS.has(o))) roles.add('egress');
  if (['send', 'post', 'publish', 'upload', 'tweet', 'reply', 'notify', 'forward', 'webhook', 'broadcast'].includes(verb)) roles.add('egress');
  // Messaging and issue trackers: reading them is reading what strangers wrote.
  if (w.includes('slack') || w.includes('discord')) roles.add(reads ? 'untrusted' : 'egress');
  const r = tool.resolved;
  if (r) {
    if (r.openWorldHint === true && reads) roles.add('untrusted');
    for (const e of r.effects ?? []) {
      if (e === 'network' || e === 'http-post' || e === 'email') roles.add('egress');
      if (e === 'file-read' || e === 'database') roles.add('private');
    }
    const d = (r.description ?? '').toLowerCase();
    if (/\bfetch(?:es)? (?:a |the )?(?:url|web ?page)|\bweb ?search\b|\bsearch(?:es)? the (?:web|internet)\b/.test(d)) roles.add('untrusted');
    if (/\bsends? (?:an? )?(?:e-?mail|message|sms)\b|\bposts? (?:a )?(?:message|comment) to\b|\buploads?\b/.test(d)) roles.add('egress');
    if (/\breads? (?:the )?(?:complete )?contents? of (?:a |the )?files?\b|\bqueries the database\b/.test(d)) roles.add('private');
  }
  return roles;
}
