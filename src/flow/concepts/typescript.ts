// The JavaScript/TypeScript concept table: sources, sinks, sanitizers, guards, path normalizers and propagators of the
// Node APIs MCP servers use, keyed by the canonical callees of the JS/TS flow builder (src/flow/build/build-typescript.ts).
import type { ArgPosition, ConceptTable, GuardSpec, PathNormalizerSpec, RelativizerSpec, PropagatorSpec, SanitizerSpec, SinkKind, SinkSpec, SourceSpec } from '../concepts.js';

/*
 * Conventions the JS/TS builder gives these names:
 * - a name imported from a package is `<package>.<member>` with the package as written (`child_process.exec`,
 *   `fs/promises.readFile`, `fs.promises.readFile` for `import { promises } from 'fs'`); a default import called
 *   directly is the package name (`execa(...)`, `open(url)`); `promisify(exec)` aliases keep the wrapped name;
 * - members of well-known globals keep their names (`JSON.parse`, `process.env`, `Promise.all`); `window.`,
 *   `globalThis.` and `global.` prefixes are dropped (`window.open` → `open`);
 * - methods on values are `.<method>` with the value as receiver: the receiver's type is not known, so method specs
 *   name methods specific enough to their API (`.sendMail`, `.$queryRawUnsafe`); generic names (`.get`, `.run`,
 *   `.exec` — also RegExp.prototype.exec —, `.send`, `.delete`) are left out of sinks;
 * - `process.env.K` / `process.env[k]` are calls of `process.env` with the key as argument; reads of module members
 *   are zero-argument calls (`path.sep`); `.length`/`.size` reads are zero-argument calls with a receiver;
 * - the properties of a trailing object literal are keyword arguments (`spawn(c, a, { shell: true })` → kwarg
 *   `shell`), and `true`/`false` literals keep their text, so `when` can test options;
 * - `when: { kwarg: '#<n>' }` tests positional argument n's literal value (the program of `spawn`), as in the Go table.
 */

function esc(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** `^(?:mod1|mod2)\.(?:a|b)$` from plain names (no quantifiers: every pattern stays linear). */
function api(modules: readonly string[], members: readonly string[]): RegExp {
  return new RegExp(`^(?:${modules.map(esc).join('|')})\\.(?:${members.map(esc).join('|')})$`);
}

/** Exact callee names, as one pattern. */
function oneOf(names: readonly string[]): RegExp {
  return new RegExp(`^(?:${names.map(esc).join('|')})$`);
}

/** Methods on values: `.a`, `.b`. */
function methods(names: readonly string[]): RegExp {
  return new RegExp(`^\\.(?:${names.map(esc).join('|')})$`);
}

/**
 * API paths of LLM SDK clients built with `new` (`new OpenAI()` → `openai.chat.completions.create`, Anthropic,
 * Groq, Mistral, Google GenAI, and OpenAI-compatible clients): the builder names namespaced calls on such values
 * after the class, so these match whatever the package.
 */
const LLM_CALL = /^[^.].*\.(?:chat\.completions\.(?:create|stream|parse)|responses\.(?:create|stream)|completions\.create|messages\.(?:create|stream|countTokens)|chat\.(?:complete|stream)|models\.generateContent(?:Stream)?|chats\.create)$/;
/** Octokit (`new Octokit()`): reads of repository content, issues and pull requests; writes that post text. */
const GITHUB_READ = /^[^.].*\.(?:rest\.)?(?:issues|pulls|repos|search|gists|git|activity|users|actions)\.(?:get|list|getContent|getReadme|getCommit|listComments|listForRepo|listCommits|listFiles|issuesAndPullRequests|code|getBlob|getTree|downloadArtifact)$/;
const GITHUB_WRITE = /^[^.].*\.(?:rest\.)?(?:issues|pulls|repos|gists)\.(?:create|update|createComment|updateComment|createOrUpdateFileContents|createReview)$/;

const FS = ['fs', 'fs/promises', 'fs.promises', 'fs-extra', 'fs-extra/esm', 'graceful-fs', 'original-fs'];
const PATH = ['path', 'path.posix', 'path.win32', 'path/posix', 'path/win32', 'upath', 'pathe'];
const CP = ['child_process'];
const FILE_KINDS: SinkKind[] = ['file-read', 'file-write', 'file-delete'];
const LLM_KINDS: SinkKind[] = ['llm-system', 'llm-prompt'];

/** `x` and `xSync` for each fs call. */
function withSync(names: readonly string[]): string[] {
  return names.flatMap((n) => [n, `${n}Sync`]);
}

/** Shells that run a `-c` script given as an argument. */
const SHELLS = ['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'fish', '/bin/sh', '/bin/bash', '/bin/zsh', '/bin/dash', '/usr/bin/sh', '/usr/bin/bash', '/usr/bin/zsh', '/usr/local/bin/bash', 'cmd', 'cmd.exe', 'powershell', 'powershell.exe', 'pwsh', 'pwsh.exe'];

/** Values of the `shell` option that start a shell. */
const SHELL_OPTION = ['true', ...SHELLS];

/** Programs whose options can run commands, write files or reach the network when an argument starts with `-`. */
const RISKY_CLIS = [
  'git', 'gh', 'hg', 'svn', 'docker', 'podman', 'kubectl', 'helm', 'terraform', 'aws', 'gcloud', 'az', 'curl', 'wget',
  'ssh', 'scp', 'sftp', 'rsync', 'tar', 'zip', 'unzip', '7z', 'find', 'xargs', 'grep', 'rg', 'sed', 'awk', 'gawk', 'jq',
  'yq', 'ffmpeg', 'convert', 'magick', 'openssl', 'psql', 'mysql', 'sqlite3', 'mongosh', 'redis-cli', 'npm', 'npx',
  'pnpm', 'yarn', 'bun', 'deno', 'pip', 'pip3', 'go', 'cargo', 'make', 'node', 'python', 'python3', 'perl', 'ruby',
  'php', 'java', 'env', 'sudo', 'nmap', 'nc', 'ncat', 'socat', 'systemctl', 'journalctl', 'tcpdump', 'gpg', 'pandoc',
  'less', 'man', 'chromium', 'google-chrome', 'code', 'uvx', 'uv',
];

/** Programs that open a URL in the user's browser. */
const OPENERS = ['xdg-open', 'open', 'gio', 'sensible-browser', 'x-www-browser', 'rundll32', 'explorer', 'explorer.exe', 'start'];

/** HTTP client packages whose default export or methods take the URL first. */
const HTTP_CLIENTS = ['axios', 'got', 'ky', 'node-fetch', 'cross-fetch', 'isomorphic-fetch', 'undici', 'superagent', 'needle', 'request', 'request-promise', 'request-promise-native', 'phin', 'centra', 'make-fetch-happen', 'ofetch', 'redaxios', 'wretch', 'bent', 'httpie', 'simple-get'];
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'request', 'stream', 'fetch'];
/** The URL: positional, or `url` in an options/config object (`axios({ url })`, `request({ uri })`). */
const URL_ARG: ArgPosition[] = [{ kwargOrIndex: ['url', 0] }, { kwarg: 'uri' }, { kwarg: 'baseURL' }, { kwarg: 'prefixUrl' }];

const sources: SourceSpec[] = [
  // HTTP responses: the response object; `.json()`, `.text()`, `.data` carry its taint on.
  { callee: 'fetch', kind: 'http-response', label: 'fetch' },
  { callee: oneOf(HTTP_CLIENTS), kind: 'http-response', label: 'HTTP client' },
  { callee: api(HTTP_CLIENTS, HTTP_METHODS), kind: 'http-response', label: 'HTTP client' },
  { callee: api(['http', 'https'], ['get', 'request']), kind: 'http-response', label: 'http.get' },
  { callee: api(['undici'], ['fetch', 'request', 'stream']), kind: 'http-response', label: 'undici.request' },
  { callee: methods(['post', 'request', 'goto', 'callTool', 'readResource', 'getPrompt']), kind: 'http-response', label: 'HTTP/MCP client response' },
  { callee: methods(['$eval', '$$eval', 'content']), kind: 'http-response', label: 'page content' },
  // File contents and directory listings.
  { callee: api(FS, withSync(['readFile', 'readdir', 'readJson', 'readJSON', 'readlink', 'opendir'])), kind: 'file-content', label: 'fs.readFile' },
  { callee: api(FS, ['createReadStream', 'readJsonSync', 'readJSONSync']), kind: 'file-content', label: 'fs.createReadStream' },
  { callee: oneOf(['Bun.file', 'Deno.readTextFile', 'Deno.readFile', 'Deno.readTextFileSync', 'Deno.readFileSync']), kind: 'file-content', label: 'file read' },
  { callee: oneOf(['glob', 'glob.glob', 'glob.sync', 'glob.globSync', 'fast-glob', 'fast-glob.glob', 'fast-glob.sync', 'globby', 'globby.globby', 'globby.globbySync']), kind: 'file-content', label: 'glob' },
  // Database rows.
  { callee: methods(['query', 'execute', '$queryRaw', '$queryRawUnsafe', 'findMany', 'findUnique', 'findFirst', 'findOne', 'findAll', 'findByPk', 'toArray', 'aggregate', 'all', 'unsafe']), kind: 'db-row', label: 'database query' },
  // Environment, whatever the key: which keys hold secrets is for the rules to judge (the key is the call's argument,
  // and the source location points at it).
  { callee: oneOf(['process.env', 'import.meta.env', 'Bun.env', 'Deno.env.get', 'Deno.env.toObject', 'dotenv.config', 'dotenv.parse']), kind: 'env-secret', label: 'process.env' },
  // Inner LLM output: MCP sampling, LLM SDKs.
  { callee: methods(['createMessage', 'requestSampling', 'generateContent', 'generateContentStream']), kind: 'llm-output', label: 'LLM response' },
  { callee: api(['ai'], ['generateText', 'streamText', 'generateObject', 'streamObject']), kind: 'llm-output', label: 'ai.generateText' },
  { callee: LLM_CALL, kind: 'llm-output', label: 'LLM client response' },
  { callee: GITHUB_READ, kind: 'http-response', label: 'GitHub API response' },
  { callee: api(['ollama', 'ollama/browser'], ['chat', 'generate']), kind: 'llm-output', label: 'ollama.chat' },
  // Subprocess output (the promisified `exec` resolves to `{ stdout, stderr }`; spawn's streams carry it too).
  { callee: api(CP, ['exec', 'execSync', 'execFile', 'execFileSync', 'spawn', 'spawnSync']), kind: 'subprocess-output', label: 'child_process output' },
  { callee: oneOf(['execa', 'execa.execa', 'execa.execaSync', 'execa.execaCommand', 'execa.execaCommandSync', 'execa.$', 'shelljs.exec', 'zx.$', 'cross-spawn', 'cross-spawn.sync']), kind: 'subprocess-output', label: 'subprocess output' },
];

const sinks: SinkSpec[] = [
  // Commands: a shell runs the string.
  { callee: api(CP, ['exec', 'execSync']), kind: 'command', args: [0], label: 'child_process.exec' },
  { callee: api(CP, ['spawn', 'spawnSync', 'execFile', 'execFileSync']), kind: 'command', args: [0, 1], when: { kwarg: 'shell', values: SHELL_OPTION }, label: 'child_process.spawn({ shell: true })' },
  // Without a shell, the program itself is still chosen by whoever controls it; a shell program runs its script.
  { callee: api(CP, ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork']), kind: 'command', args: [0], label: 'child_process.spawn(program)' },
  { callee: api(CP, ['spawn', 'spawnSync', 'execFile', 'execFileSync']), kind: 'command', args: [1], when: { kwarg: '#0', values: SHELLS }, label: 'child_process.spawn(shell, ["-c", script])' },
  { callee: oneOf(['execa', 'execa.execa', 'execa.execaSync', 'cross-spawn', 'cross-spawn.sync']), kind: 'command', args: [0], label: 'execa(program)' },
  { callee: oneOf(['execa', 'execa.execa', 'execa.execaSync']), kind: 'command', args: [1], when: { kwarg: 'shell', values: SHELL_OPTION }, label: 'execa({ shell: true })' },
  { callee: oneOf(['execa.execaCommand', 'execa.execaCommandSync', 'shelljs.exec', 'exec-sh', 'node-pty.spawn']), kind: 'command', args: [0], label: 'shell command' },
  { callee: methods(['execCommand', 'exec_command']), kind: 'command', args: [0], label: 'ssh.execCommand' },
  // Program arguments of processes started without a shell (option injection in option-rich CLIs).
  { callee: api(CP, ['spawn', 'spawnSync', 'execFile', 'execFileSync']), kind: 'argv', args: [1], when: { kwarg: '#0', values: RISKY_CLIS }, unless: { kwarg: 'shell', values: SHELL_OPTION }, label: 'child_process.spawn(args)' },
  { callee: oneOf(['execa', 'execa.execa', 'execa.execaSync', 'cross-spawn', 'cross-spawn.sync']), kind: 'argv', args: [1], when: { kwarg: '#0', values: RISKY_CLIS }, unless: { kwarg: 'shell', values: SHELL_OPTION }, label: 'execa(args)' },
  { callee: oneOf(['execa.$', 'zx.$']), kind: 'argv', args: ['all'], label: 'zx $`…`' },
  { callee: api(CP, ['fork']), kind: 'argv', args: [1], label: 'child_process.fork(args)' },
  // Files: reads, writes and deletes; both ends of a copy or rename.
  { callee: api(FS, withSync(['readFile', 'readdir', 'opendir', 'open', 'readlink', 'readJson', 'readJSON'])), kind: 'file-read', args: [0], label: 'fs.readFile' },
  { callee: api(FS, ['createReadStream', 'readJsonSync', 'readJSONSync']), kind: 'file-read', args: [0], label: 'fs.createReadStream' },
  { callee: api(FS, withSync(['copyFile', 'cp', 'copy', 'move', 'rename'])), kind: 'file-read', args: [0], label: 'fs.copyFile' },
  { callee: oneOf(['Bun.file', 'Deno.readTextFile', 'Deno.readFile', 'Deno.readTextFileSync', 'Deno.readFileSync', 'Deno.open', 'Deno.readDir']), kind: 'file-read', args: [0], label: 'file read' },
  { callee: methods(['sendFile', 'download']), kind: 'file-read', args: [0], label: 'res.sendFile' },
  { callee: oneOf(['glob', 'glob.glob', 'glob.sync', 'glob.globSync', 'fast-glob', 'fast-glob.glob', 'fast-glob.sync', 'globby', 'globby.globby', 'globby.globbySync']), kind: 'file-read', args: [0, { kwarg: 'cwd' }], label: 'glob' },
  { callee: oneOf(['adm-zip', 'tar.x', 'tar.extract', 'extract-zip', 'decompress']), kind: 'file-read', args: [0, { kwarg: 'file' }], label: 'archive extraction' },
  {
    callee: api(FS, withSync(['writeFile', 'appendFile', 'mkdir', 'mkdtemp', 'chmod', 'chown', 'lchown', 'utimes', 'truncate', 'outputFile', 'outputJson', 'outputJSON', 'writeJson', 'writeJSON', 'ensureDir', 'ensureFile', 'mkdirp', 'mkdirs', 'emptyDir'])),
    kind: 'file-write',
    args: [0],
    label: 'fs.writeFile',
  },
  { callee: api(FS, ['createWriteStream', 'writeJsonSync', 'writeJSONSync', 'outputJsonSync', 'ensureDirSync', 'mkdirpSync']), kind: 'file-write', args: [0], label: 'fs.createWriteStream' },
  { callee: api(FS, withSync(['copyFile', 'cp', 'copy', 'move', 'rename', 'symlink', 'link'])), kind: 'file-write', args: [1], label: 'fs.rename' },
  { callee: api(FS, withSync(['symlink', 'link'])), kind: 'file-write', args: [0], label: 'fs.symlink(target)' },
  { callee: oneOf(['Deno.writeTextFile', 'Deno.writeFile', 'Deno.mkdir', 'Bun.write']), kind: 'file-write', args: [0], label: 'file write' },
  { callee: oneOf(['tar.x', 'tar.extract', 'extract-zip', 'decompress']), kind: 'file-write', args: [1, { kwarg: 'cwd' }, { kwarg: 'dir' }], label: 'archive extraction' },
  { callee: 'unzipper.Extract', kind: 'file-write', args: [{ kwarg: 'path' }], label: 'unzipper.Extract' },
  { callee: methods(['extractAllTo', 'extractEntryTo', 'mv']), kind: 'file-write', args: [0, 1], label: 'archive.extractAllTo' },
  { callee: api(FS, withSync(['unlink', 'rm', 'rmdir', 'remove', 'emptyDir'])), kind: 'file-delete', args: [0], label: 'fs.unlink' },
  { callee: api(FS, withSync(['move', 'rename'])), kind: 'file-delete', args: [0], label: 'fs.rename(from)' },
  { callee: oneOf(['rimraf', 'rimraf.rimraf', 'rimraf.sync', 'rimraf.rimrafSync', 'del', 'del.deleteAsync', 'del.deleteSync', 'trash', 'Deno.remove']), kind: 'file-delete', args: [0], label: 'rimraf' },
  // Outbound requests: the URL (SSRF) and the data sent.
  { callee: 'fetch', kind: 'url', args: URL_ARG, label: 'fetch' },
  { callee: oneOf(HTTP_CLIENTS), kind: 'url', args: URL_ARG, label: 'HTTP client' },
  { callee: api(HTTP_CLIENTS, HTTP_METHODS), kind: 'url', args: URL_ARG, label: 'HTTP client' },
  { callee: api(['http', 'https'], ['get', 'request']), kind: 'url', args: [0, { kwarg: 'host' }, { kwarg: 'hostname' }, { kwarg: 'path' }], label: 'http.request' },
  { callee: api(['undici'], ['fetch', 'request', 'stream', 'connect', 'Pool', 'Client']), kind: 'url', args: URL_ARG, label: 'undici.request' },
  { callee: oneOf(['ws', 'ws.WebSocket', 'WebSocket', 'EventSource', 'eventsource', 'eventsource.EventSource', 'socket.io-client', 'socket.io-client.io']), kind: 'url', args: [0], label: 'WebSocket' },
  { callee: oneOf(['net.connect', 'net.createConnection', 'tls.connect']), kind: 'url', args: [0, 1, { kwarg: 'host' }], label: 'net.connect' },
  { callee: methods(['goto', 'navigate']), kind: 'url', args: [{ kwargOrIndex: ['url', 0] }], label: 'page.goto' },
  { callee: methods(['post']), kind: 'url', args: [0], label: 'client.post' },
  { callee: oneOf(['@modelcontextprotocol/sdk/client/streamableHttp.js.StreamableHTTPClientTransport', '@modelcontextprotocol/sdk/client/sse.js.SSEClientTransport']), kind: 'url', args: [0], label: 'MCP client transport' },
  // Headers carry data out as surely as the body (the Python table lists them too); rules tell credentials apart.
  { callee: 'fetch', kind: 'outbound-data', args: [{ kwarg: 'body' }, { kwarg: 'headers' }], label: 'fetch(body)' },
  { callee: api(HTTP_CLIENTS, ['post', 'put', 'patch']), kind: 'outbound-data', args: [1, { kwarg: 'json' }, { kwarg: 'body' }, { kwarg: 'form' }, { kwarg: 'headers' }], label: 'HTTP client body' },
  { callee: oneOf([...HTTP_CLIENTS, ...HTTP_CLIENTS.map((c) => `${c}.request`)]), kind: 'outbound-data', args: [{ kwarg: 'data' }, { kwarg: 'body' }, { kwarg: 'json' }, { kwarg: 'form' }, { kwarg: 'headers' }], label: 'HTTP client body' },
  { callee: methods(['post']), kind: 'outbound-data', args: [1], label: 'client.post(body)' },
  { callee: methods(['sendMail', 'sendEmail', 'sendMessage', 'postMessage', 'sendMultiple']), kind: 'outbound-data', args: ['all'], label: 'message send' },
  { callee: oneOf(['@sendgrid/mail.send', '@sendgrid/mail.sendMultiple']), kind: 'outbound-data', args: ['all'], label: 'e-mail send' },
  { callee: /^[^.].*\.chat\.(?:postMessage|postEphemeral|update|scheduleMessage)$/, kind: 'outbound-data', args: ['all'], label: 'Slack chat.postMessage' },
  { callee: GITHUB_WRITE, kind: 'outbound-data', args: ['all'], label: 'GitHub API write' },
  // SQL text: only the statement argument (the rest are bound parameters); tagged templates bind their values.
  { callee: methods(['query', 'execute', 'raw', 'unsafe', 'prepare', '$queryRawUnsafe', '$executeRawUnsafe', 'whereRaw', 'orWhereRaw', 'havingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw', 'selectRaw', 'fromRaw', 'executeQuery', 'queryUnsafe']), kind: 'sql', args: [0], label: 'db.query' },
  { callee: api(['knex', 'drizzle-orm.sql', 'sequelize', 'sequelize.Sequelize', 'typeorm'], ['raw', 'query', 'literal']), kind: 'sql', args: [0], label: 'knex.raw' },
  // Code evaluated.
  { callee: oneOf(['eval', 'setTimeout', 'setInterval', 'require', 'import', 'execScript', 'safe-eval', 'static-eval']), kind: 'code', args: [0], label: 'eval' },
  { callee: 'Function', kind: 'code', args: ['all'], label: 'new Function' },
  { callee: api(['vm'], ['runInThisContext', 'runInNewContext', 'runInContext', 'Script', 'compileFunction', 'SourceTextModule']), kind: 'code', args: [0], label: 'vm.runInNewContext' },
  { callee: api(CP, ['fork']), kind: 'code', args: [0], label: 'child_process.fork(module)' },
  { callee: methods(['evaluate', 'evaluateHandle', 'addScriptTag', 'evalSync', 'compileScript', 'evalClosure', 'evalClosureSync']), kind: 'code', args: [0], label: 'page.evaluate' },
  // Unsafe deserialisers.
  { callee: oneOf(['node-serialize.unserialize', 'serialize-to-js.deserialize', 'funcster.deepDeserialize', 'cryo.parse', 'v8.deserialize', 'php-serialize.unserialize']), kind: 'deserialize', args: [0], label: 'unserialize' },
  // Templates compiled from a string.
  { callee: api(['handlebars', 'hbs', 'ejs', 'pug', 'jade', 'nunjucks', 'lodash', 'lodash/template', 'underscore', 'mustache', 'dot', 'eta', 'squirrelly', 'art-template', 'velocityjs', 'liquidjs', 'twig', 'dustjs-linkedin', 'hogan.js', 'marko'], ['compile', 'precompile', 'render', 'renderString', 'template', 'parse', 'parseAndRender']), kind: 'template', args: [0], label: 'template compile' },
  { callee: oneOf(['lodash/template', 'nunjucks.Template', 'twig.twig', 'es6-template-strings']), kind: 'template', args: [0, { kwarg: 'data' }], label: 'template compile' },
  { callee: methods(['renderString', 'parseAndRender', 'parseAndRenderSync', 'compileTemplate']), kind: 'template', args: [0], label: 'template compile' },
  // A prompt template from input lets it write the instructions (LangChain templates run no code).
  { callee: api(['@langchain/core/prompts', 'langchain/prompts'], ['PromptTemplate.fromTemplate', 'ChatPromptTemplate.fromTemplate', 'PromptTemplate', 'ChatPromptTemplate.fromMessages', 'SystemMessagePromptTemplate.fromTemplate']), kind: 'llm-system', args: [0, { kwarg: 'template' }], label: 'PromptTemplate.fromTemplate' },
  // Inner LLM calls: the system part and the user part. `.create` is generic, so only its LLM-specific options count.
  { callee: '.create', kind: 'llm-system', args: [{ kwarg: 'system' }, { kwarg: 'instructions' }, { kwarg: 'systemInstruction' }], label: 'LLM create(system)' },
  { callee: '.create', kind: 'llm-prompt', args: [{ kwarg: 'messages' }, { kwarg: 'input' }, { kwarg: 'prompt' }, { kwarg: 'contents' }], label: 'LLM create(messages)' },
  { callee: LLM_CALL, kind: 'llm-system', args: [{ kwarg: 'system' }, { kwarg: 'instructions' }, { kwarg: 'config' }], label: 'LLM client (system)' },
  { callee: LLM_CALL, kind: 'llm-prompt', args: [{ kwarg: 'messages' }, { kwarg: 'input' }, { kwarg: 'prompt' }, { kwarg: 'contents' }], label: 'LLM client (messages)' },
  // Sampling: on a value (`.createMessage`) or through the typed low-level server (`McpServer.server.createMessage`).
  { callee: /^\S*\.(?:createMessage|requestSampling)$/, kind: 'llm-system', args: [{ kwarg: 'systemPrompt' }], label: 'sampling createMessage(systemPrompt)' },
  { callee: /^\S*\.(?:createMessage|requestSampling)$/, kind: 'llm-prompt', args: [{ kwarg: 'messages' }], label: 'sampling createMessage' },
  { callee: oneOf(['@openai/agents.Agent', '@openai/agents.Agent.create']), kind: 'llm-system', args: [{ kwarg: 'instructions' }], label: 'Agent(instructions)' },
  { callee: methods(['getGenerativeModel', 'startChat']), kind: 'llm-system', args: [{ kwarg: 'systemInstruction' }], label: 'Gemini systemInstruction' },
  { callee: methods(['generateContent', 'generateContentStream']), kind: 'llm-prompt', args: [{ kwargOrIndex: ['contents', 0] }], label: 'Gemini generateContent' },
  { callee: methods(['generateContent', 'generateContentStream']), kind: 'llm-system', args: [{ kwarg: 'config' }, { kwarg: 'systemInstruction' }], label: 'Gemini config.systemInstruction' },
  { callee: api(['ai'], ['generateText', 'streamText', 'generateObject', 'streamObject']), kind: 'llm-system', args: [{ kwarg: 'system' }], label: 'ai.generateText(system)' },
  { callee: api(['ai'], ['generateText', 'streamText', 'generateObject', 'streamObject']), kind: 'llm-prompt', args: [{ kwarg: 'prompt' }, { kwarg: 'messages' }], label: 'ai.generateText(prompt)' },
  { callee: api(['ollama', 'ollama/browser'], ['chat', 'generate']), kind: 'llm-system', args: [{ kwarg: 'system' }], label: 'ollama.generate(system)' },
  { callee: api(['ollama', 'ollama/browser'], ['chat', 'generate']), kind: 'llm-prompt', args: [{ kwarg: 'messages' }, { kwarg: 'prompt' }], label: 'ollama.chat' },
  { callee: api(['@langchain/core/messages', 'langchain/schema'], ['SystemMessage']), kind: 'llm-system', args: [0, { kwarg: 'content' }], label: 'SystemMessage' },
  { callee: api(['@langchain/core/messages', 'langchain/schema'], ['HumanMessage']), kind: 'llm-prompt', args: [0, { kwarg: 'content' }], label: 'HumanMessage' },
  // Logs. Method names of loggers (console, winston, pino, bunyan, MCP logging) on any value.
  { callee: api(['console'], ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table']), kind: 'log', args: ['all'], label: 'console.log' },
  { callee: api(['process.stdout', 'process.stderr'], ['write']), kind: 'log', args: [0], label: 'process.stderr.write' },
  { callee: methods(['log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'notice', 'critical', 'sendLoggingMessage']), kind: 'log', args: ['all'], label: 'logger' },
  // Redirects and URLs opened in the user's browser.
  { callee: methods(['redirect']), kind: 'redirect', args: ['all'], label: 'res.redirect' },
  { callee: oneOf(['open', 'opn', 'open.openApp', 'better-opn', 'electron.shell.openExternal', 'location.assign', 'location.replace']), kind: 'redirect', args: [0], label: 'open(url)' },
  { callee: methods(['openExternal']), kind: 'redirect', args: [0], label: 'shell.openExternal' },
  { callee: api(CP, ['spawn', 'spawnSync', 'execFile', 'execFileSync']), kind: 'redirect', args: [1], when: { kwarg: '#0', values: OPENERS }, label: 'spawn(open, [url])' },
];

const sanitizers: SanitizerSpec[] = [
  // Numbers, booleans, hashes and random values hold none of the input's text.
  { callee: oneOf(['Number', 'parseInt', 'parseFloat', 'Number.parseInt', 'Number.parseFloat', 'Boolean', 'BigInt', 'Math.floor', 'Math.ceil', 'Math.round', 'Math.trunc', 'Math.abs', 'Math.min', 'Math.max']), kinds: 'all' },
  { callee: oneOf(['crypto.createHash', 'crypto.randomUUID', 'crypto.randomBytes', 'uuid.v4', 'uuid.validate', 'nanoid', 'nanoid.nanoid']), kinds: 'all' },
  { callee: methods(['digest', 'toFixed', 'getTime']), kinds: 'all' },
  // Shell quoting.
  { callee: oneOf(['shell-quote.quote', 'shell-escape', 'shescape.quote', 'shescape.quoteAll', 'any-shell-escape', 'shell-escape-tag']), kinds: ['command'] },
  // Last path element or a cleaned file name: no directory parts left.
  { callee: api(PATH, ['basename']), kinds: FILE_KINDS },
  { callee: oneOf(['sanitize-filename', 'filenamify', 'slugify', 'slug']), kinds: FILE_KINDS },
  // URL escaping: a path segment or query value cannot change the host.
  { callee: oneOf(['encodeURIComponent', 'querystring.escape', 'querystring.stringify', 'qs.stringify']), kinds: ['url', 'redirect'] },
  // SQL quoting.
  { callee: oneOf(['mysql.escape', 'mysql.escapeId', 'mysql2.escape', 'mysql2.escapeId', 'mysql2/promise.escape', 'mysql2/promise.escapeId', 'sqlstring.escape', 'sqlstring.escapeId', 'pg-format', 'pg-format.ident', 'pg-format.literal', 'pg.escapeLiteral', 'pg.escapeIdentifier']), kinds: ['sql'] },
  { callee: methods(['escapeLiteral', 'escapeIdentifier', 'escapeId']), kinds: ['sql'] },
  // Prompts and logs: JSON-encoded text stays quoted data, with line breaks escaped.
  { callee: 'JSON.stringify', kinds: ['llm-system', 'llm-prompt', 'log'], marks: ['json-encoded'] },
  // HTML escaping and control-character stripping: marks for the output rules, not sanitisers of any sink.
  { callee: oneOf(['escape-html', 'he.encode', 'he.escape', 'lodash.escape', 'lodash/escape', 'underscore.escape', 'sanitize-html', 'dompurify.sanitize', 'isomorphic-dompurify.sanitize', 'xss', 'xss.filterXSS', 'html-escaper.escape', 'validator.escape']), kinds: [], marks: ['html-escaped'] },
  { callee: oneOf(['util.stripVTControlCharacters', 'node:util.stripVTControlCharacters', 'strip-ansi']), kinds: [], marks: ['control-stripped'] },
];

const FILE_AND_ARGV: SinkKind[] = [...FILE_KINDS, 'argv'];

const guards: GuardSpec[] = [
  // Containment by string prefix: sound only with a trailing separator on a resolved path (the solver judges it).
  { callee: '.startsWith', checks: 'receiver', kinds: [...FILE_KINDS, 'url', 'redirect'], quality: 'prefix', prefixArg: 0 },
  // Strict matches and type checks.
  { callee: '.test', checks: 0, kinds: 'all', quality: 'sound' },
  { callee: methods(['match', 'matchAll']), checks: 'receiver', kinds: 'all', quality: 'sound' },
  { callee: oneOf(['Number.isInteger', 'Number.isSafeInteger', 'Number.isFinite', 'isFinite', 'uuid.validate']), checks: 0, kinds: 'all', quality: 'sound' },
  { callee: api(['validator'], ['isUUID', 'isInt', 'isNumeric', 'isAlphanumeric', 'isAlpha', 'isHexadecimal', 'isBoolean', 'isIn', 'isSlug', 'isPort']), checks: 0, kinds: 'all', quality: 'sound' },
  { callee: api(['validator'], ['isIP', 'isFQDN']), checks: 0, kinds: FILE_AND_ARGV, quality: 'sound' },
  // An object's own keys as an allow-list (`Object.hasOwn(ALLOWED, x)`, `ALLOWED.hasOwnProperty(x)`).
  { callee: oneOf(['Object.hasOwn', 'Object.prototype.hasOwnProperty.call']), checks: 1, kinds: 'all', quality: 'sound' },
  { callee: '.hasOwnProperty', checks: 0, kinds: 'all', quality: 'sound' },
];

const pathNormalizers: PathNormalizerSpec[] = [
  { callee: api(FS, withSync(['realpath'])), effect: 'resolves' },
  { callee: api(FS, ['realpathSync.native', 'realpath.native']), effect: 'resolves' },
  { callee: api(PATH, ['resolve', 'join', 'normalize']), arg: 'all', effect: 'normalizes' },
];

const relativizers: RelativizerSpec[] = [{ callee: api(PATH, ['relative']), target: 1 }];

const propagators: PropagatorSpec[] = [
  // Results that hold no text of their inputs.
  { callee: methods(['length', 'size', 'byteLength', 'indexOf', 'lastIndexOf', 'findIndex', 'findLastIndex', 'localeCompare', 'charCodeAt', 'codePointAt', 'startsWith', 'endsWith', 'test', 'isFile', 'isDirectory', 'isSymbolicLink', 'every', 'some']), passes: [] },
  { callee: oneOf(['typeof', 'Array.isArray', 'isNaN', 'Number.isNaN', 'Object.is', 'Date.now', 'Math.random', 'performance.now', 'Buffer.isBuffer', 'Buffer.byteLength']), passes: [] },
  { callee: api(PATH, ['isAbsolute', 'extname']), passes: [] },
  { callee: api(FS, withSync(['exists', 'stat', 'lstat', 'access'])), passes: [] },
  // Callbacks that receive the elements of a value (the receiver) or a promise's result.
  { callee: methods(['map', 'flatMap']), callback: { arg: 0, receives: ['receiver'] } },
  { callee: methods(['forEach']), passes: [], callback: { arg: 0, receives: ['receiver'] } },
  { callee: methods(['filter', 'find', 'findLast', 'sort', 'toSorted']), passes: ['receiver'], callback: { arg: 0, receives: ['receiver'] } },
  { callee: methods(['reduce', 'reduceRight']), passes: [1], callback: { arg: 0, receives: [1, 'receiver'] } },
  { callee: '.then', callback: { arg: 0, receives: ['receiver'] } },
  { callee: '.catch', passes: ['receiver'], callback: { arg: 0, receives: [] } },
  { callee: '.finally', passes: ['receiver'], callback: { arg: 0, receives: [] } },
  { callee: methods(['on', 'once', 'addListener', 'addEventListener']), passes: [], callback: { arg: 1, receives: ['receiver'] } },
  { callee: oneOf(['Promise.all', 'Promise.allSettled', 'Promise.race', 'Promise.any', 'Promise.resolve']), passes: [0] },
  { callee: 'Array.from', passes: [0], callback: { arg: 1, receives: [0] } },
];

export const TYPESCRIPT_CONCEPTS: ConceptTable = {
  sources,
  sinks,
  sanitizers,
  guards,
  pathNormalizers,
  relativizers,
  propagators,
  separatorNames: ['path.sep', 'path.posix.sep', 'path.win32.sep', 'path/posix.sep', 'upath.sep', 'pathe.sep', 'sep'],
};
