// The Python concept table: sources, sinks, sanitizers, guards, path normalisers and propagators of the APIs MCP
// servers written in Python use, by the canonical callee names the Python flow builder gives calls.
//
// Callee names (see src/flow/build/build-python.ts): `module.member` through imports (`subprocess.run`); a bare name
// for builtins (`open`); `.method` for a method on a value of unknown class; `pkg.Class.method` for a method on a value
// whose class the builder knows from a constructor call, directly or through a variable or `self.field`
// (`httpx.AsyncClient.get`, `openai.OpenAI.chat.completions.create`); `os.environ[]` for subscripts of module values.
import type { ArgPosition, ConceptTable, GuardSpec, PathNormalizerSpec, RelativizerSpec, PropagatorSpec, SanitizerSpec, SinkKind, SinkSpec, SourceSpec } from '../concepts.js';

// ------------------------------------------------------------------------------------------------------- helpers

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `module.a`, `module.b`, … as one pattern. */
function members(module: string, names: readonly string[]): RegExp {
  return new RegExp(`^${esc(module)}\\.(?:${names.map(esc).join('|')})$`);
}

/** Several exact names as one pattern. */
function anyOf(names: readonly string[]): RegExp {
  return new RegExp(`^(?:${names.map(esc).join('|')})$`);
}

/**
 * A method on a value of one of these classes (`httpx.AsyncClient.get`); with `untyped`, also on a value of unknown
 * class (`.get`), for method names no other common library uses.
 */
function method(classes: readonly string[], names: readonly string[], untyped: boolean): RegExp {
  const typed = classes.length ? `(?:${classes.map(esc).join('|')})\\.` : '';
  const recv = untyped ? (typed ? `(?:${typed}|\\.)` : '\\.') : typed;
  return new RegExp(`^${recv}(?:${names.map(esc).join('|')})$`);
}

const FILE_KINDS: SinkKind[] = ['file-read', 'file-write', 'file-delete'];

// ------------------------------------------------------------------------------------------------------ classes

const PATH_CLASSES = ['pathlib.Path', 'pathlib.PosixPath', 'pathlib.WindowsPath', 'pathlib.PurePath', 'pathlib.PurePosixPath', 'pathlib.PureWindowsPath', 'anyio.Path', 'aiopath.AsyncPath', 'zipfile.Path'];
const REQUESTS_SESSIONS = ['requests.Session', 'requests.sessions.Session'];
const HTTPX_CLIENTS = ['httpx.Client', 'httpx.AsyncClient'];
const AIOHTTP_SESSIONS = ['aiohttp.ClientSession', 'aiohttp.client.ClientSession'];
const URLLIB3_POOLS = ['urllib3.PoolManager', 'urllib3.ProxyManager', 'urllib3.HTTPConnectionPool', 'urllib3.HTTPSConnectionPool'];
const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];
const OPENAI_CLIENTS = ['openai.OpenAI', 'openai.AsyncOpenAI', 'openai.AzureOpenAI', 'openai.AsyncAzureOpenAI'];
const ANTHROPIC_CLIENTS = ['anthropic.Anthropic', 'anthropic.AsyncAnthropic', 'anthropic.AnthropicBedrock', 'anthropic.AsyncAnthropicBedrock', 'anthropic.AnthropicVertex', 'anthropic.AsyncAnthropicVertex'];
const GENAI_CLIENTS = ['google.genai.Client'];
const GEMINI_MODELS = ['google.generativeai.GenerativeModel', 'vertexai.generative_models.GenerativeModel', 'vertexai.preview.generative_models.GenerativeModel'];
const LANGCHAIN_CHAT_MODELS = [
  'langchain_openai.ChatOpenAI',
  'langchain_openai.AzureChatOpenAI',
  'langchain_anthropic.ChatAnthropic',
  'langchain_google_genai.ChatGoogleGenerativeAI',
  'langchain_ollama.ChatOllama',
  'langchain_community.chat_models.ChatOllama',
  'langchain_aws.ChatBedrock',
];
const SOCKETS = ['socket.socket'];

/** Every `chat.completions.create`-style path under the LLM clients, for sinks and sources. */
const OPENAI_CREATE = method(
  OPENAI_CLIENTS.flatMap((c) => [`${c}.chat.completions`, `${c}.beta.chat.completions`, `${c}.responses`, `${c}.completions`]),
  ['create', 'parse', 'stream'],
  false,
);
const ANTHROPIC_CREATE = method(
  ANTHROPIC_CLIENTS.flatMap((c) => [`${c}.messages`, `${c}.beta.messages`]),
  ['create', 'stream'],
  false,
);
const GENAI_GENERATE = method(
  GENAI_CLIENTS.flatMap((c) => [`${c}.models`, `${c}.aio.models`]),
  ['generate_content', 'generate_content_stream'],
  false,
);

// -------------------------------------------------------------------------------------------------------- sources

/**
 * Environment reads are all `env-secret` sources whatever the key: the solver does not read keys, so rules that care
 * whether a key looks secret read the call's first argument at the source location.
 */
const sources: SourceSpec[] = [
  // HTTP responses.
  { callee: members('requests', [...HTTP_VERBS, 'request']), kind: 'http-response' },
  { callee: method(REQUESTS_SESSIONS, [...HTTP_VERBS, 'request', 'send'], false), kind: 'http-response' },
  { callee: members('httpx', [...HTTP_VERBS, 'request', 'stream']), kind: 'http-response' },
  { callee: method(HTTPX_CLIENTS, [...HTTP_VERBS, 'request', 'send', 'stream'], false), kind: 'http-response' },
  { callee: method(AIOHTTP_SESSIONS, [...HTTP_VERBS, 'request', 'ws_connect'], false), kind: 'http-response' },
  { callee: anyOf(['urllib.request.urlopen', 'urllib2.urlopen', 'urllib.urlopen', 'urllib3.request', 'urllib.request.urlretrieve']), kind: 'http-response' },
  { callee: method(URLLIB3_POOLS, ['request', 'urlopen'], false), kind: 'http-response' },
  { callee: method(['http.client.HTTPConnection', 'http.client.HTTPSConnection'], ['getresponse'], true), kind: 'http-response' },
  { callee: anyOf(['feedparser.parse', 'trafilatura.fetch_url', 'tornado.httpclient.HTTPClient.fetch', 'tornado.httpclient.AsyncHTTPClient.fetch']), kind: 'http-response' },
  // Browser automation: page text.
  { callee: method([], ['inner_text', 'inner_html', 'text_content'], true), kind: 'http-response' },
  // File contents.
  { callee: anyOf(['open', 'io.open', 'codecs.open', 'aiofiles.open', 'builtins.open', 'fileinput.input', 'linecache.getline', 'os.read']), kind: 'file-content' },
  { callee: method(PATH_CLASSES, ['read_text', 'read_bytes'], true), kind: 'file-content' },
  { callee: method(PATH_CLASSES, ['open'], false), kind: 'file-content' },
  { callee: anyOf(['pandas.read_csv', 'pandas.read_json', 'pandas.read_excel', 'pandas.read_parquet', 'pandas.read_table']), kind: 'file-content' },
  // Database rows.
  { callee: method([], ['fetchall', 'fetchone', 'fetchmany', 'fetchrow', 'fetchval', 'find_one'], true), kind: 'db-row' },
  { callee: anyOf(['pandas.read_sql', 'pandas.read_sql_query', 'pandas.read_sql_table']), kind: 'db-row' },
  // Environment and secret stores.
  { callee: anyOf(['os.environ[]', 'os.environ.get', 'os.getenv', 'os.environ', 'os.environ.copy', 'os.environ.items', 'os.environb[]', 'os.getenvb']), kind: 'env-secret' },
  { callee: anyOf(['dotenv.dotenv_values', 'dotenv.get_key', 'decouple.config', 'keyring.get_password', 'keyring.get_credential']), kind: 'env-secret' },
  // Inner LLM output: MCP sampling, provider SDKs.
  { callee: method([], ['create_message', 'sample', 'sample_step'], true), kind: 'llm-output' },
  // Sampling through a typed FastMCP context: `ctx.session.create_message(...)`, `ctx.sample(...)`.
  { callee: /^(?:mcp\.server\.fastmcp(?:\.server)?\.Context\.session|fastmcp\.(?:server\.context\.)?Context)\.(?:create_message|sample)$/, kind: 'llm-output' },
  { callee: OPENAI_CREATE, kind: 'llm-output' },
  { callee: ANTHROPIC_CREATE, kind: 'llm-output' },
  { callee: GENAI_GENERATE, kind: 'llm-output' },
  { callee: method(GEMINI_MODELS, ['generate_content', 'generate_content_async', 'send_message'], false), kind: 'llm-output' },
  { callee: method([], ['generate_content'], true), kind: 'llm-output' },
  { callee: method(LANGCHAIN_CHAT_MODELS, ['invoke', 'ainvoke', 'predict', 'stream'], false), kind: 'llm-output' },
  {
    callee: anyOf(['openai.ChatCompletion.create', 'openai.Completion.create', 'litellm.completion', 'litellm.acompletion', 'ollama.chat', 'ollama.generate', 'ollama.Client.chat', 'ollama.AsyncClient.chat']),
    kind: 'llm-output',
  },
  // Output of other programs.
  { callee: members('subprocess', ['check_output', 'getoutput', 'getstatusoutput', 'run', 'Popen']), kind: 'subprocess-output' },
  { callee: anyOf(['os.popen', 'asyncio.create_subprocess_exec', 'asyncio.create_subprocess_shell', 'asyncio.subprocess.create_subprocess_exec', 'asyncio.subprocess.create_subprocess_shell', 'pexpect.run', 'anyio.run_process']), kind: 'subprocess-output' },
  { callee: method(['paramiko.SSHClient'], ['exec_command'], true), kind: 'subprocess-output' },
];

// ---------------------------------------------------------------------------------------------------------- sinks

const ARGS0: ArgPosition[] = [{ kwargOrIndex: ['args', 0] }];
const URL0: ArgPosition[] = [{ kwargOrIndex: ['url', 0] }];
const URL1: ArgPosition[] = [{ kwargOrIndex: ['url', 1] }];
const SUBPROCESS = ['run', 'call', 'check_call', 'check_output', 'Popen'];
const BODY_KWARGS: ArgPosition[] = [{ kwarg: 'data' }, { kwarg: 'json' }, { kwarg: 'content' }, { kwarg: 'files' }, { kwarg: 'params' }, { kwarg: 'headers' }, { kwarg: 'cookies' }];
const WRITE_MODES = ['w', 'wb', 'w+', 'wb+', 'a', 'ab', 'a+', 'ab+', 'x', 'xb', 'r+', 'rb+', 'wt', 'at'];

const sinks: SinkSpec[] = [
  // A shell runs it.
  { callee: anyOf(['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'commands.getoutput', 'commands.getstatusoutput', 'popen2.popen2']), kind: 'command', args: [0] },
  { callee: anyOf(['asyncio.create_subprocess_shell', 'asyncio.subprocess.create_subprocess_shell']), kind: 'command', args: [{ kwargOrIndex: ['cmd', 0] }] },
  { callee: members('subprocess', SUBPROCESS), kind: 'command', args: ARGS0, when: { kwarg: 'shell', values: ['True', '1'] }, label: 'subprocess (shell=True)' },
  { callee: anyOf(['pexpect.spawn', 'pexpect.run', 'pexpect.spawnu', 'pexpect.popen_spawn.PopenSpawn']), kind: 'command', args: [0] },
  { callee: anyOf(['fabric.api.run', 'fabric.api.sudo', 'fabric.api.local', 'invoke.run', 'invoke.sudo']), kind: 'command', args: [0] },
  { callee: method(['fabric.Connection', 'fabric.connection.Connection', 'invoke.Context'], ['run', 'sudo', 'local'], false), kind: 'command', args: [0] },
  { callee: method(['paramiko.SSHClient'], ['exec_command'], true), kind: 'command', args: [{ kwargOrIndex: ['command', 0] }] },
  { callee: anyOf(['os.startfile']), kind: 'command', args: [0] },
  // A program's arguments, without a shell (with shell=True the whole line is the command sink above).
  { callee: members('subprocess', SUBPROCESS), kind: 'argv', args: ARGS0, unless: { kwarg: 'shell', values: ['True', '1'] } },
  { callee: anyOf(['asyncio.create_subprocess_exec', 'asyncio.subprocess.create_subprocess_exec', 'os.execl', 'os.execle', 'os.execlp', 'os.execlpe', 'os.spawnl', 'os.spawnlp']), kind: 'argv', args: ['all'] },
  { callee: anyOf(['os.execv', 'os.execve', 'os.execvp', 'os.execvpe', 'os.posix_spawn', 'os.posix_spawnp']), kind: 'argv', args: [0, 1] },
  { callee: anyOf(['os.spawnv', 'os.spawnve', 'os.spawnvp', 'os.spawnvpe']), kind: 'argv', args: [1, 2] },
  { callee: anyOf(['pty.spawn', 'anyio.run_process', 'anyio.open_process', 'sh.Command', 'plumbum.local.__getitem__']), kind: 'argv', args: [0] },
  { callee: anyOf(['git.Repo.clone_from', 'git.repo.base.Repo.clone_from']), kind: 'argv', args: [0, 1] },
  { callee: method(['git.Git', 'git.cmd.Git'], ['execute'], false), kind: 'argv', args: [0] },
  // Paths read.
  { callee: anyOf(['open', 'io.open', 'codecs.open', 'aiofiles.open', 'builtins.open']), kind: 'file-read', args: [{ kwargOrIndex: ['file', 0] }] },
  { callee: anyOf(['os.open', 'os.listdir', 'os.scandir', 'os.walk', 'os.stat', 'os.lstat', 'os.readlink', 'glob.glob', 'glob.iglob', 'linecache.getline', 'fileinput.input', 'sqlite3.connect', 'aiosqlite.connect']), kind: 'file-read', args: [0] },
  { callee: method(PATH_CLASSES, ['read_text', 'read_bytes', 'iterdir', 'rglob'], true), kind: 'file-read', args: ['receiver'] },
  { callee: method(PATH_CLASSES, ['open', 'glob', 'stat', 'lstat', 'readlink', 'walk'], false), kind: 'file-read', args: ['receiver'] },
  { callee: anyOf(['shutil.copy', 'shutil.copy2', 'shutil.copyfile', 'shutil.copytree', 'shutil.copyfileobj', 'shutil.make_archive']), kind: 'file-read', args: [0] },
  { callee: anyOf(['flask.send_file', 'starlette.responses.FileResponse', 'fastapi.responses.FileResponse', 'django.http.FileResponse']), kind: 'file-read', args: [0] },
  { callee: anyOf(['zipfile.ZipFile', 'tarfile.open', 'tarfile.TarFile', 'PIL.Image.open', 'shelve.open', 'dbm.open', 'h5py.File']), kind: 'file-read', args: [0] },
  { callee: anyOf(['pandas.read_csv', 'pandas.read_json', 'pandas.read_excel', 'pandas.read_parquet', 'pandas.read_table', 'pandas.read_pickle', 'numpy.load', 'numpy.loadtxt', 'joblib.load', 'torch.load']), kind: 'file-read', args: [0] },
  { callee: anyOf(['shutil.unpack_archive']), kind: 'file-read', args: [0] },
  // Paths written, created, moved or permission-changed.
  { callee: anyOf(['open', 'io.open', 'codecs.open', 'aiofiles.open', 'builtins.open']), kind: 'file-write', args: [{ kwargOrIndex: ['file', 0] }], when: { kwarg: 'mode', values: WRITE_MODES }, label: 'open (write mode)' },
  { callee: method(PATH_CLASSES, ['write_text', 'write_bytes', 'symlink_to', 'hardlink_to'], true), kind: 'file-write', args: ['receiver'] },
  { callee: method(PATH_CLASSES, ['touch', 'mkdir', 'chmod', 'lchmod', 'rename', 'replace'], false), kind: 'file-write', args: ['receiver', 0] },
  { callee: method(PATH_CLASSES, ['symlink_to', 'hardlink_to'], true), kind: 'file-write', args: [0] },
  { callee: anyOf(['os.makedirs', 'os.mkdir', 'os.chmod', 'os.lchmod', 'os.chown', 'os.lchown', 'os.truncate', 'os.mkfifo', 'os.mknod', 'os.utime', 'shutil.chown']), kind: 'file-write', args: [0] },
  { callee: anyOf(['os.rename', 'os.renames', 'os.replace', 'os.symlink', 'os.link', 'shutil.move']), kind: 'file-write', args: [0, 1] },
  { callee: anyOf(['shutil.copy', 'shutil.copy2', 'shutil.copyfile', 'shutil.copytree', 'shutil.unpack_archive', 'urllib.request.urlretrieve']), kind: 'file-write', args: [1] },
  { callee: anyOf(['numpy.save', 'numpy.savetxt', 'numpy.savez']), kind: 'file-write', args: [0] },
  { callee: anyOf(['torch.save', 'joblib.dump', 'pickle.dump']), kind: 'file-write', args: [1] },
  { callee: method([], ['to_csv', 'to_excel', 'to_parquet', 'to_pickle', 'to_feather'], true), kind: 'file-write', args: [{ kwargOrIndex: ['path', 0] }] },
  { callee: method(['zipfile.ZipFile', 'tarfile.TarFile'], ['extractall', 'extract'], true), kind: 'file-write', args: [{ kwargOrIndex: ['path', 0] }] },
  // Paths removed.
  { callee: anyOf(['os.remove', 'os.unlink', 'os.rmdir', 'os.removedirs', 'shutil.rmtree', 'send2trash.send2trash', 'aiofiles.os.remove', 'aiofiles.os.unlink']), kind: 'file-delete', args: [0] },
  { callee: method(PATH_CLASSES, ['unlink', 'rmdir'], true), kind: 'file-delete', args: ['receiver'] },
  // Outbound request URLs.
  { callee: members('requests', HTTP_VERBS), kind: 'url', args: URL0 },
  { callee: anyOf(['requests.request', 'httpx.request', 'httpx.stream', 'urllib3.request']), kind: 'url', args: URL1 },
  { callee: members('httpx', HTTP_VERBS), kind: 'url', args: URL0 },
  { callee: method([...REQUESTS_SESSIONS, ...HTTPX_CLIENTS, ...AIOHTTP_SESSIONS], [...HTTP_VERBS, 'ws_connect'], false), kind: 'url', args: URL0 },
  { callee: method([...REQUESTS_SESSIONS, ...HTTPX_CLIENTS, ...AIOHTTP_SESSIONS, ...URLLIB3_POOLS], ['request', 'stream'], false), kind: 'url', args: URL1 },
  { callee: method(URLLIB3_POOLS, ['urlopen'], false), kind: 'url', args: URL1 },
  // Method names HTTP clients use and little else does, on clients the builder could not type.
  { callee: method([], ['post', 'patch'], true), kind: 'url', args: URL0 },
  { callee: method([], ['request'], true), kind: 'url', args: URL1 },
  { callee: anyOf(['httpx.Client', 'httpx.AsyncClient', 'aiohttp.ClientSession', 'openai.OpenAI', 'openai.AsyncOpenAI', 'anthropic.Anthropic', 'anthropic.AsyncAnthropic']), kind: 'url', args: [{ kwarg: 'base_url' }] },
  { callee: anyOf(['urllib.request.urlopen', 'urllib.request.Request', 'urllib2.urlopen', 'urllib2.Request', 'urllib.urlopen', 'urllib.request.urlretrieve']), kind: 'url', args: URL0 },
  { callee: anyOf(['http.client.HTTPConnection', 'http.client.HTTPSConnection', 'socket.create_connection', 'smtplib.SMTP', 'smtplib.SMTP_SSL', 'ftplib.FTP', 'ftplib.FTP_TLS', 'telnetlib.Telnet']), kind: 'url', args: [0] },
  { callee: anyOf(['websockets.connect', 'websockets.client.connect', 'websocket.create_connection', 'websocket.WebSocketApp']), kind: 'url', args: [0] },
  { callee: anyOf(['feedparser.parse', 'trafilatura.fetch_url', 'git.Repo.clone_from', 'git.repo.base.Repo.clone_from', 'pandas.read_html']), kind: 'url', args: [0] },
  { callee: method(['tornado.httpclient.HTTPClient', 'tornado.httpclient.AsyncHTTPClient'], ['fetch'], false), kind: 'url', args: [0] },
  { callee: method(SOCKETS, ['connect', 'connect_ex', 'sendto'], false), kind: 'url', args: [0] },
  // Browsers driven by the server (Playwright, Selenium, pyppeteer).
  { callee: method([], ['goto'], true), kind: 'url', args: [0] },
  { callee: /^selenium\.webdriver\.[A-Za-z]+\.get$/, kind: 'url', args: [0] },
  // Data sent out: request bodies, headers, messages, mail, uploads.
  { callee: members('requests', [...HTTP_VERBS, 'request']), kind: 'outbound-data', args: BODY_KWARGS },
  { callee: members('requests', ['post', 'put', 'patch']), kind: 'outbound-data', args: [1] },
  { callee: members('httpx', [...HTTP_VERBS, 'request', 'stream']), kind: 'outbound-data', args: BODY_KWARGS },
  { callee: method([...REQUESTS_SESSIONS, ...HTTPX_CLIENTS, ...AIOHTTP_SESSIONS, ...URLLIB3_POOLS], [...HTTP_VERBS, 'request', 'stream'], false), kind: 'outbound-data', args: [...BODY_KWARGS, { kwarg: 'body' }, { kwarg: 'fields' }] },
  { callee: method([], ['post', 'patch', 'request'], true), kind: 'outbound-data', args: BODY_KWARGS },
  { callee: anyOf(['urllib.request.urlopen', 'urllib.request.Request']), kind: 'outbound-data', args: [{ kwargOrIndex: ['data', 1] }, { kwarg: 'headers' }] },
  { callee: method(['smtplib.SMTP', 'smtplib.SMTP_SSL'], ['sendmail', 'send_message'], true), kind: 'outbound-data', args: ['all'] },
  { callee: method(SOCKETS, ['send', 'sendall', 'sendto'], false), kind: 'outbound-data', args: [0] },
  { callee: method(['slack_sdk.WebClient', 'slack_sdk.web.async_client.AsyncWebClient', 'slack.WebClient'], ['chat_postMessage', 'chat_postEphemeral', 'files_upload', 'files_upload_v2'], true), kind: 'outbound-data', args: ['all'] },
  { callee: method([], ['put_object', 'upload_file', 'upload_fileobj', 'publish', 'send_email', 'send_raw_email'], true), kind: 'outbound-data', args: ['all'] },
  { callee: method(['discord.Webhook', 'discord.SyncWebhook'], ['send'], false), kind: 'outbound-data', args: ['all'] },
  // SQL text.
  { callee: method([], ['execute', 'executemany', 'executescript', 'fetchrow', 'fetchval', 'raw', 'sql', 'query', 'execute_query', 'read_sql'], true), kind: 'sql', args: [0] },
  { callee: anyOf(['sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text', 'pandas.read_sql', 'pandas.read_sql_query', 'psycopg2.sql.SQL', 'psycopg.sql.SQL', 'duckdb.sql', 'duckdb.query', 'duckdb.execute']), kind: 'sql', args: [0] },
  // Code evaluated.
  { callee: anyOf(['eval', 'exec', 'compile', 'execfile', 'builtins.eval', 'builtins.exec', 'builtins.compile', 'runpy.run_path', 'runpy.run_module', 'importlib.import_module', '__import__']), kind: 'code', args: [0] },
  { callee: anyOf(['pandas.eval', 'numexpr.evaluate', 'js2py.eval_js', 'execjs.eval', 'execjs.compile']), kind: 'code', args: [0] },
  { callee: method(['code.InteractiveInterpreter', 'code.InteractiveConsole'], ['runsource', 'runcode', 'push'], false), kind: 'code', args: [0] },
  { callee: method([], ['runsource', 'runcode'], true), kind: 'code', args: [0] },
  { callee: anyOf(['getattr']), kind: 'code', args: [1], label: 'getattr (attribute chosen by input)' },
  // Bytes deserialised by unsafe deserialisers.
  { callee: anyOf(['pickle.load', 'pickle.loads', 'cPickle.load', 'cPickle.loads', '_pickle.load', '_pickle.loads', 'pickle.Unpickler', 'dill.load', 'dill.loads', 'cloudpickle.load', 'cloudpickle.loads']), kind: 'deserialize', args: [0] },
  { callee: anyOf(['marshal.load', 'marshal.loads', 'shelve.open', 'jsonpickle.decode', 'joblib.load', 'pandas.read_pickle', 'torch.load']), kind: 'deserialize', args: [0] },
  { callee: anyOf(['yaml.load', 'yaml.load_all', 'yaml.unsafe_load', 'yaml.unsafe_load_all', 'yaml.full_load', 'yaml.full_load_all', 'ruamel.yaml.load']), kind: 'deserialize', args: [0] },
  { callee: anyOf(['numpy.load']), kind: 'deserialize', args: [0], when: { kwarg: 'allow_pickle', values: ['True'] }, label: 'numpy.load (allow_pickle=True)' },
  { callee: anyOf(['lxml.etree.fromstring', 'lxml.etree.parse', 'lxml.etree.XML', 'lxml.objectify.fromstring', 'lxml.objectify.parse']), kind: 'deserialize', args: [0], label: 'lxml parser (external entities)' },
  // Template source compiled.
  { callee: anyOf(['jinja2.Template', 'jinja2.environment.Template', 'flask.render_template_string', 'django.template.Template', 'tornado.template.Template', 'chevron.render', 'pystache.render']), kind: 'template', args: [0] },
  { callee: anyOf(['mako.template.Template']), kind: 'template', args: [{ kwargOrIndex: ['text', 0] }] },
  { callee: method(['jinja2.Environment', 'jinja2.sandbox.SandboxedEnvironment'], ['from_string'], true), kind: 'template', args: [{ kwargOrIndex: ['source', 0] }] },
  // The system part of an inner LLM call.
  { callee: OPENAI_CREATE, kind: 'llm-system', args: [{ kwarg: 'instructions' }] },
  { callee: ANTHROPIC_CREATE, kind: 'llm-system', args: [{ kwarg: 'system' }] },
  { callee: method([], ['create'], true), kind: 'llm-system', args: [{ kwarg: 'system' }, { kwarg: 'instructions' }], label: 'LLM create (system)' },
  { callee: method([], ['create_message', 'sample', 'sample_step'], true), kind: 'llm-system', args: [{ kwarg: 'system_prompt' }] },
  { callee: /^(?:mcp\.server\.fastmcp(?:\.server)?\.Context\.session|fastmcp\.(?:server\.context\.)?Context)\.(?:create_message|sample)$/, kind: 'llm-system', args: [{ kwarg: 'system_prompt' }], label: 'sampling create_message(system_prompt)' },
  { callee: anyOf([...GEMINI_MODELS, 'google.genai.types.GenerateContentConfig', 'google.genai.types.LiveConnectConfig']), kind: 'llm-system', args: [{ kwarg: 'system_instruction' }] },
  {
    callee: anyOf(['langchain_core.messages.SystemMessage', 'langchain.schema.SystemMessage', 'langchain.schema.messages.SystemMessage', 'langchain_core.messages.system.SystemMessage']),
    kind: 'llm-system',
    args: [{ kwargOrIndex: ['content', 0] }],
  },
  {
    callee: anyOf([
      'langchain_core.prompts.PromptTemplate.from_template',
      'langchain.prompts.PromptTemplate.from_template',
      'langchain_core.prompts.ChatPromptTemplate.from_template',
      'langchain.prompts.ChatPromptTemplate.from_template',
      'langchain_core.prompts.ChatPromptTemplate.from_messages',
      'langchain.prompts.ChatPromptTemplate.from_messages',
      'langchain_core.prompts.SystemMessagePromptTemplate.from_template',
      'langchain.prompts.SystemMessagePromptTemplate.from_template',
    ]),
    kind: 'llm-system',
    args: [0],
  },
  { callee: anyOf(['ollama.generate', 'ollama.Client.generate', 'ollama.AsyncClient.generate']), kind: 'llm-system', args: [{ kwarg: 'system' }] },
  { callee: anyOf(['agents.Agent', 'pydantic_ai.Agent']), kind: 'llm-system', args: [{ kwarg: 'instructions' }, { kwarg: 'system_prompt' }] },
  // The user part of an inner LLM call or a sampling request.
  { callee: OPENAI_CREATE, kind: 'llm-prompt', args: [{ kwarg: 'messages' }, { kwarg: 'input' }, { kwarg: 'prompt' }] },
  { callee: ANTHROPIC_CREATE, kind: 'llm-prompt', args: [{ kwarg: 'messages' }] },
  { callee: method([], ['create'], true), kind: 'llm-prompt', args: [{ kwarg: 'messages' }], label: 'LLM create (messages)' },
  { callee: method([], ['create_message', 'sample', 'sample_step'], true), kind: 'llm-prompt', args: [{ kwargOrIndex: ['messages', 0] }] },
  { callee: method([...GEMINI_MODELS, ...GENAI_CLIENTS.flatMap((c) => [`${c}.models`, `${c}.aio.models`])], ['generate_content', 'generate_content_stream', 'generate_content_async'], true), kind: 'llm-prompt', args: [{ kwargOrIndex: ['contents', 0] }] },
  { callee: anyOf(['openai.ChatCompletion.create', 'litellm.completion', 'litellm.acompletion']), kind: 'llm-prompt', args: [{ kwarg: 'messages' }, { kwarg: 'prompt' }] },
  { callee: anyOf(['ollama.chat', 'ollama.Client.chat', 'ollama.AsyncClient.chat']), kind: 'llm-prompt', args: [{ kwargOrIndex: ['messages', 1] }] },
  { callee: anyOf(['ollama.generate', 'ollama.Client.generate', 'ollama.AsyncClient.generate']), kind: 'llm-prompt', args: [{ kwargOrIndex: ['prompt', 1] }] },
  { callee: anyOf(['langchain_core.messages.HumanMessage', 'langchain.schema.HumanMessage', 'langchain.schema.messages.HumanMessage']), kind: 'llm-prompt', args: [{ kwargOrIndex: ['content', 0] }] },
  { callee: method(LANGCHAIN_CHAT_MODELS, ['invoke', 'ainvoke', 'predict', 'stream', 'astream'], false), kind: 'llm-prompt', args: [0] },
  // Log lines.
  { callee: members('logging', ['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log']), kind: 'log', args: ['all'] },
  { callee: method([], ['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log'], true), kind: 'log', args: ['all'] },
  { callee: /^loguru\.logger\.(?:trace|debug|info|success|warning|error|exception|critical|log)$/, kind: 'log', args: ['all'] },
  { callee: anyOf(['print', 'sys.stdout.write', 'sys.stderr.write', 'warnings.warn']), kind: 'log', args: ['all'] },
  // URLs the user is sent to or that open in a browser.
  { callee: anyOf(['webbrowser.open', 'webbrowser.open_new', 'webbrowser.open_new_tab', 'click.launch', 'typer.launch']), kind: 'redirect', args: [0] },
  { callee: anyOf(['flask.redirect', 'werkzeug.utils.redirect', 'django.shortcuts.redirect', 'django.http.HttpResponseRedirect', 'django.http.HttpResponsePermanentRedirect']), kind: 'redirect', args: [0] },
  { callee: anyOf(['starlette.responses.RedirectResponse', 'fastapi.responses.RedirectResponse']), kind: 'redirect', args: [{ kwargOrIndex: ['url', 0] }] },
];

// ----------------------------------------------------------------------------------------------------- sanitizers

const sanitizers: SanitizerSpec[] = [
  { callee: anyOf(['shlex.quote', 'pipes.quote', 'shlex.join']), kinds: ['command'] },
  // Numbers, booleans, UUIDs and digests carry no injectable text.
  { callee: anyOf(['int', 'float', 'bool', 'complex', 'decimal.Decimal', 'uuid.UUID', 'fractions.Fraction']), kinds: 'all' },
  { callee: members('hashlib', ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3_256', 'sha3_512', 'blake2b', 'blake2s', 'new']), kinds: 'all' },
  // File names without directories.
  { callee: anyOf(['os.path.basename', 'posixpath.basename', 'ntpath.basename', 'werkzeug.utils.secure_filename', 'werkzeug.secure_filename', 'pathvalidate.sanitize_filename']), kinds: FILE_KINDS },
  // Joins that refuse to leave the base folder (they return None or raise instead).
  { callee: anyOf(['werkzeug.security.safe_join', 'werkzeug.utils.safe_join', 'flask.safe_join', 'flask.helpers.safe_join']), kinds: FILE_KINDS, arg: 'all' },
  // HTML escaping protects HTML output, which no sink kind here stands for: listed so the result keeps its taint.
  { callee: anyOf(['html.escape', 'markupsafe.escape', 'markupsafe.Markup.escape', 'cgi.escape', 'xml.sax.saxutils.escape', 'bleach.clean', 'django.utils.html.escape', 'nh3.clean']), kinds: [], marks: ['html-escaped'] },
  // URL component encoding.
  { callee: anyOf(['urllib.parse.quote', 'urllib.parse.quote_plus', 'urllib.parse.urlencode', 'urllib.quote', 'urllib.quote_plus', 'urllib.urlencode', 'requests.utils.quote']), kinds: ['url', 'redirect'] },
  // SQL quoting and identifiers.
  { callee: anyOf(['psycopg2.extensions.quote_ident', 'psycopg2.sql.Identifier', 'psycopg2.sql.Literal', 'psycopg.sql.Identifier', 'psycopg.sql.Literal', 'pymysql.converters.escape_string', 'MySQLdb.escape_string', 'sqlescapy.sqlescape']), kinds: ['sql'] },
  { callee: method([], ['escape_string', 'mogrify', 'literal'], true), kinds: ['sql'] },
  // Data as a JSON literal inside a prompt is delimited, not instructions.
  { callee: anyOf(['json.dumps', 'orjson.dumps', 'ujson.dumps']), kinds: ['llm-prompt', 'llm-system'], marks: ['json-encoded'] },
  { callee: anyOf(['ast.literal_eval']), kinds: ['code'] },
];

// --------------------------------------------------------------------------------------------------------- guards

/**
 * The solver applies the first guard whose callee matches. `commonpath` comparisons reach the IR as
 * `<eq>`(commonpath([root, p]), root), which only a solver that looks through `<eq>` can use; listed for it.
 */
const guards: GuardSpec[] = [
  { callee: method(PATH_CLASSES, ['is_relative_to'], true), checks: 'receiver', kinds: FILE_KINDS, quality: 'sound' },
  { callee: anyOf(['os.path.commonpath', 'posixpath.commonpath', 'ntpath.commonpath']), checks: 0, kinds: FILE_KINDS, quality: 'sound' },
  // `p.startswith(root)`: sound only with a separator-terminated root and a resolved path (the solver judges it).
  { callee: method([], ['startswith'], true), checks: 'receiver', kinds: [...FILE_KINDS, 'url', 'redirect'], quality: 'prefix', prefixArg: 0 },
  // A whole-string match against a pattern: sound when the pattern is strict, which rules check on the literal.
  { callee: anyOf(['re.fullmatch', 'regex.fullmatch']), checks: 1, kinds: 'all', quality: 'sound' },
  { callee: method(['re.Pattern'], ['fullmatch'], true), checks: 0, kinds: 'all', quality: 'sound' },
  // Character-class checks that leave no room for separators, quotes or dots.
  { callee: method([], ['isdigit', 'isdecimal', 'isnumeric', 'isalnum', 'isalpha', 'isidentifier'], true), checks: 'receiver', kinds: 'all', quality: 'sound' },
];

// ---------------------------------------------------------------------------------------------- path normalisers

const pathNormalizers: PathNormalizerSpec[] = [
  { callee: anyOf(['os.path.realpath', 'posixpath.realpath', 'ntpath.realpath', 'os.readlink']), effect: 'resolves' },
  { callee: method(PATH_CLASSES, ['resolve'], true), effect: 'resolves' },
  { callee: anyOf(['os.path.normpath', 'os.path.abspath', 'posixpath.normpath', 'posixpath.abspath', 'ntpath.normpath', 'ntpath.abspath']), effect: 'normalizes' },
];

const relativizers: RelativizerSpec[] = [{ callee: anyOf(['os.path.relpath', 'posixpath.relpath', 'ntpath.relpath']), target: { kwargOrIndex: ['path', 0] } }];

// --------------------------------------------------------------------------------------------------- propagators

const propagators: PropagatorSpec[] = [
  // Results that carry no data of their arguments.
  { callee: anyOf(['len', 'bool', 'isinstance', 'issubclass', 'hasattr', 'callable', 'type', 'id', 'hash', 'range', 'any', 'all', 'sum', 'ord']), passes: [] },
  { callee: anyOf(['os.path.exists', 'os.path.isfile', 'os.path.isdir', 'os.path.islink', 'os.path.isabs', 'os.path.getsize', 'os.path.getmtime', 'os.path.lexists', 'os.access']), passes: [] },
  { callee: method([], ['exists', 'is_file', 'is_dir', 'is_symlink', 'is_absolute', 'startswith', 'endswith', 'count', 'find', 'rfind', 'index', 'isspace', 'islower', 'isupper', 'isdigit', 'isdecimal', 'isnumeric', 'isalnum', 'isalpha', 'isidentifier', 'is_relative_to'], true), passes: [] },
  // Callbacks: the function receives the elements and its result is what comes out.
  { callee: anyOf(['map']), callback: { arg: 0, receives: [1] } },
  { callee: anyOf(['filter']), passes: [1], callback: { arg: 0, receives: [1] } },
  { callee: anyOf(['functools.reduce', 'reduce']), callback: { arg: 0, receives: [2, 1] } },
  { callee: anyOf(['asyncio.to_thread', 'anyio.to_thread.run_sync', 'starlette.concurrency.run_in_threadpool', 'fastapi.concurrency.run_in_threadpool', 'asyncer.asyncify']), callback: { arg: 0, receives: [1, 2, 3, 4, 5] } },
  { callee: method([], ['run_in_executor'], true), callback: { arg: 1, receives: [2, 3, 4, 5] } },
  { callee: method(['concurrent.futures.ThreadPoolExecutor', 'concurrent.futures.ProcessPoolExecutor'], ['submit'], true), callback: { arg: 0, receives: [1, 2, 3, 4, 5] } },
  { callee: method(['concurrent.futures.ThreadPoolExecutor', 'concurrent.futures.ProcessPoolExecutor'], ['map'], false), callback: { arg: 0, receives: [1] } },
  { callee: method([], ['apply', 'applymap', 'map'], true), callback: { arg: 0, receives: ['receiver'] } },
  { callee: anyOf(['asyncio.gather', 'asyncio.wait_for', 'asyncio.shield', 'asyncio.create_task', 'asyncio.ensure_future', 'asyncio.run']), passes: ['all'] },
];

export const PYTHON_CONCEPTS: ConceptTable = {
  sources,
  sinks,
  sanitizers,
  guards,
  pathNormalizers,
  relativizers,
  propagators,
  separatorNames: ['os.sep', 'os.path.sep', 'posixpath.sep', 'ntpath.sep', 'os.altsep'],
};
