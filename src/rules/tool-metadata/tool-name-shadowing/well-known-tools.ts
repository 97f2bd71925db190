// Tool names of widely installed MCP servers and host built-ins: names a third-party server should not reuse or imitate.

/** name → who usually provides it (shown in the finding). */
export const WELL_KNOWN_TOOLS: Readonly<Record<string, string>> = Object.freeze({
  // reference filesystem server
  read_file: 'the filesystem server', read_text_file: 'the filesystem server', read_media_file: 'the filesystem server',
  read_multiple_files: 'the filesystem server', write_file: 'the filesystem server', edit_file: 'the filesystem server',
  create_directory: 'the filesystem server', list_directory: 'the filesystem server', directory_tree: 'the filesystem server',
  move_file: 'the filesystem server', search_files: 'the filesystem server', get_file_info: 'the filesystem server',
  list_allowed_directories: 'the filesystem server',
  // reference git server
  git_status: 'the git server', git_diff: 'the git server', git_diff_staged: 'the git server', git_diff_unstaged: 'the git server',
  git_commit: 'the git server', git_add: 'the git server', git_reset: 'the git server', git_log: 'the git server',
  git_create_branch: 'the git server', git_checkout: 'the git server', git_show: 'the git server',
  // fetch, memory, time, sequential thinking
  fetch: 'the fetch server', create_entities: 'the memory server', create_relations: 'the memory server',
  add_observations: 'the memory server', read_graph: 'the memory server', search_nodes: 'the memory server',
  get_current_time: 'the time server', convert_time: 'the time server', sequentialthinking: 'the sequential-thinking server',
  // GitHub
  create_issue: 'the GitHub server', create_pull_request: 'the GitHub server', search_repositories: 'the GitHub server',
  get_file_contents: 'the GitHub server', push_files: 'the GitHub server', create_or_update_file: 'the GitHub server',
  merge_pull_request: 'the GitHub server', list_issues: 'the GitHub server',
  // messaging and mail
  send_email: 'mail servers', send_message: 'messaging servers', slack_post_message: 'the Slack server',
  // shells and code execution in agents and hosts
  bash: 'coding agents', shell: 'coding agents', execute_command: 'coding agents', run_command: 'coding agents',
  run_terminal_command: 'coding agents', run_terminal_cmd: 'coding agents', terminal: 'coding agents',
  // browser automation and search
  browser_navigate: 'the Playwright server', browser_click: 'the Playwright server', browser_snapshot: 'the Playwright server',
  puppeteer_navigate: 'the Puppeteer server', web_search: 'search servers', brave_web_search: 'the Brave Search server',
});

/**
 * The published packages of each owner above: a project that is one of them defines these names, it does not shadow
 * them (npm names, PyPI names and Go module paths, as their manifests declare them).
 */
export const OWNER_PACKAGES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  'the filesystem server': ['@modelcontextprotocol/server-filesystem'],
  'the git server': ['mcp-server-git'],
  'the fetch server': ['mcp-server-fetch'],
  'the memory server': ['@modelcontextprotocol/server-memory'],
  'the time server': ['mcp-server-time'],
  'the sequential-thinking server': ['@modelcontextprotocol/server-sequential-thinking'],
  'the GitHub server': ['@modelcontextprotocol/server-github', 'github.com/github/github-mcp-server'],
  'the Slack server': ['@modelcontextprotocol/server-slack'],
  'the Playwright server': ['@playwright/mcp'],
  'the Puppeteer server': ['@modelcontextprotocol/server-puppeteer'],
  'the Brave Search server': ['@modelcontextprotocol/server-brave-search'],
});

/** Cyrillic and Greek letters that look like Latin ones, mapped to the Latin letter they imitate. */
const CONFUSABLES: Readonly<Record<string, string>> = {
  'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'і': 'i', 'ј': 'j', 'ѕ': 's', 'һ': 'h', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w',
  'α': 'a', 'ο': 'o', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'ν': 'v', 'ι': 'i', 'κ': 'k', 'ε': 'e',
  'ɡ': 'g', 'ı': 'i', 'ℓ': 'l', '０': '0', '１': '1', 'ｌ': 'l',
};

/** Folds case, separators and look-alike letters, so `Read-File`, `readFile` and `rеad_file` (Cyrillic е) compare equal. */
export function skeleton(name: string): string {
  let out = '';
  for (const ch of name.normalize('NFKC').toLowerCase()) {
    if (ch === '_' || ch === '-' || ch === '.' || ch === ' ') continue;
    out += CONFUSABLES[ch] ?? ch;
  }
  return out;
}

const BY_SKELETON: ReadonlyMap<string, string> = new Map(Object.keys(WELL_KNOWN_TOOLS).map((n) => [skeleton(n), n]));

export interface ShadowMatch {
  /** The well-known name it collides with. */
  known: string;
  owner: string;
  /** `exact`: same name; `variant`: same after folding case and separators; `lookalike`: uses confusable letters. */
  kind: 'exact' | 'variant' | 'lookalike';
}

export function matchWellKnown(name: string): ShadowMatch | undefined {
  if (name in WELL_KNOWN_TOOLS) return { known: name, owner: WELL_KNOWN_TOOLS[name]!, kind: 'exact' };
  const known = BY_SKELETON.get(skeleton(name));
  if (!known) return undefined;
  const lookalike = /[^\x00-\x7f]/.test(name);
  return { known, owner: WELL_KNOWN_TOOLS[known]!, kind: lookalike ? 'lookalike' : 'variant' };
}
