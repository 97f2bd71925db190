// The Go concept table: sources, sinks, sanitizers, guards, path normalizers and propagators of the Go APIs MCP
// servers use, keyed by the canonical callees of the Go flow builder (`os/exec.Command`, `.Query` on a value).
import type { ConceptTable, GuardSpec, PathNormalizerSpec, RelativizerSpec, PropagatorSpec, SanitizerSpec, SinkKind, SinkSpec, SourceSpec } from '../concepts.js';

/*
 * Conventions the Go builder gives these names:
 * - package functions and package variables are `<import path>.<Name>` (`net/http.Get`, `net/http.DefaultClient.Do`);
 * - methods are `<import path>.<Type>.<Method>` when the receiver's static type is known (`net/http.Client.Get`,
 *   `database/sql.DB.QueryContext`), else `.<Method>` with the value as receiver. `method()` specs match both forms
 *   and are used for method names specific enough to their API; generic names (`Get`, `Do`, `Parse`, `Eval`) are
 *   sinks only on known types (`typed()`);
 * - reads of package variables are zero-argument calls (`os.PathSeparator`);
 * - a trailing struct literal of options lends its fields as keyword arguments (`&mcp.CreateMessageParams{SystemPrompt:
 *   s}` → kwarg `SystemPrompt`), so LLM specs can name the field that holds the system prompt;
 * - `when: { kwarg: '#<n>' }` tests positional argument n's literal value (the program of `exec.Command`).
 * Labels are given where the callee alone would not name the API (methods, positional forms); otherwise findings
 * show the canonical callee itself (`os.ReadFile`).
 */

/** `<import path>` with an optional major-version suffix, as a RegExp source: `github.com/openai/openai-go(/v2)`. */
function mod(path: string): string {
  return `${path.replace(/[.]/g, '\\.')}(?:/v\\d+)?`;
}

function member(path: string, names: string): RegExp {
  return new RegExp(`^${mod(path)}\\.(?:${names})$`);
}

/** Methods of the named types of a package: `typed('net/http', 'Client', 'Get|Post')`. */
function typed(path: string, types: string, names: string): RegExp {
  return new RegExp(`^${mod(path)}\\.(?:${types})\\.(?:${names})$`);
}

/** A method by name on any receiver: untyped (`.Query`) or typed (`database/sql.DB.Query`), never a package function. */
function method(names: string): RegExp {
  return new RegExp(`^(?:.*\\.[A-Z]\\w*)?\\.(?:${names})$`);
}

const FILE_KINDS: SinkKind[] = ['file-read', 'file-write', 'file-delete'];

/** Shells that run their `-c` argument as a script. */
const SHELLS = ['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'fish', 'busybox', '/bin/sh', '/bin/bash', '/bin/zsh', '/bin/dash', '/usr/bin/sh', '/usr/bin/bash', '/usr/bin/zsh', '/usr/local/bin/bash', 'cmd', 'cmd.exe', 'powershell', 'powershell.exe', 'pwsh', 'pwsh.exe'];

/** Programs whose options can run commands, write files or reach the network when an argument starts with `-`. */
const RISKY_CLIS = [
  'git', 'gh', 'hg', 'svn', 'docker', 'podman', 'kubectl', 'helm', 'terraform', 'aws', 'gcloud', 'az', 'curl', 'wget',
  'ssh', 'scp', 'sftp', 'rsync', 'tar', 'zip', 'unzip', '7z', 'find', 'xargs', 'grep', 'rg', 'sed', 'awk', 'gawk', 'jq',
  'yq', 'ffmpeg', 'convert', 'magick', 'openssl', 'psql', 'mysql', 'sqlite3', 'mongosh', 'redis-cli', 'npm', 'npx',
  'pnpm', 'yarn', 'pip', 'pip3', 'go', 'cargo', 'make', 'node', 'python', 'python3', 'perl', 'ruby', 'php', 'java',
  'env', 'sudo', 'nmap', 'nc', 'ncat', 'socat', 'systemctl', 'journalctl', 'tcpdump', 'gpg', 'pandoc', 'less', 'man',
  'chromium', 'google-chrome', 'code',
];

/** Programs that open a URL in the user's browser. */
const OPENERS = ['xdg-open', 'open', 'gio', 'sensible-browser', 'x-www-browser', 'rundll32', 'explorer', 'explorer.exe'];

const sources: SourceSpec[] = [
  // HTTP responses.
  { callee: member('net/http', 'Get|Post|PostForm|Head'), kind: 'http-response' },
  { callee: member('net/http', 'DefaultClient\\.(?:Get|Post|PostForm|Head|Do)'), kind: 'http-response' },
  { callee: typed('net/http', 'Client', 'Get|Post|PostForm|Head|Do'), kind: 'http-response' },
  { callee: '.Do', kind: 'http-response', label: 'http.Client.Do' },
  { callee: method('ReadMessage|ReadJSON'), kind: 'http-response', label: 'websocket.Conn.ReadMessage' },
  // File contents.
  { callee: member('os', 'ReadFile|Open|OpenFile'), kind: 'file-content' },
  { callee: member('io/ioutil', 'ReadFile'), kind: 'file-content' },
  { callee: member('io/fs', 'ReadFile'), kind: 'file-content' },
  { callee: typed('os', 'Root', 'Open|OpenFile|ReadFile'), kind: 'file-content' },
  // Database rows.
  { callee: method('Query|QueryContext|QueryRow|QueryRowContext|Queryx|QueryRowx|QueryxContext|QueryRowxContext|NamedQuery|NamedQueryContext'), kind: 'db-row' },
  { callee: method('Scan|MapScan|StructScan|SliceScan'), kind: 'db-row', label: 'sql.Rows.Scan' },
  { callee: method('FindOne'), kind: 'db-row', label: 'mongo.Collection.FindOne' },
  { callee: typed('github.com/jmoiron/sqlx', 'DB|Tx', 'Select|Get|SelectContext|GetContext'), kind: 'db-row' },
  // Environment (listed whole: which keys hold secrets is for the rules to judge).
  { callee: member('os', 'Getenv|LookupEnv|Environ'), kind: 'env-secret' },
  { callee: member('github.com/spf13/viper', 'GetString|Get'), kind: 'env-secret' },
  // Inner LLM output: sampling through the client, and LLM SDKs.
  { callee: method('CreateMessage'), kind: 'llm-output', label: 'ServerSession.CreateMessage' },
  { callee: method('RequestSampling'), kind: 'llm-output', label: 'MCPServer.RequestSampling' },
  { callee: method('CreateChatCompletion|CreateCompletion'), kind: 'llm-output', label: 'openai.Client.CreateChatCompletion' },
  { callee: method('GenerateContent'), kind: 'llm-output', label: 'genai.GenerateContent' },
  { callee: member('github.com/tmc/langchaingo/llms', 'GenerateFromSinglePrompt'), kind: 'llm-output' },
  // Subprocess output.
  { callee: method('Output|CombinedOutput|StdoutPipe|StderrPipe'), kind: 'subprocess-output', label: 'exec.Cmd.Output' },
];

const numbered = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const SQL_AT_0 = 'Query|QueryRow|Exec|Prepare|Queryx|QueryRowx|MustExec|NamedExec|NamedQuery|Raw';
const SQL_AT_1 = 'QueryContext|QueryRowContext|ExecContext|PrepareContext|QueryxContext|QueryRowxContext|MustExecContext|NamedExecContext|NamedQueryContext';

const sinks: SinkSpec[] = [
  // Commands. The program itself from input runs anything; `sh -c <script>` runs a shell script.
  { callee: 'os/exec.Command', kind: 'command', args: [0], label: 'exec.Command(name)' },
  { callee: 'os/exec.CommandContext', kind: 'command', args: [1], label: 'exec.CommandContext(name)' },
  { callee: 'os/exec.Command', kind: 'command', args: [2], when: { kwarg: '#0', values: SHELLS }, label: 'exec.Command(shell, "-c", script)' },
  { callee: 'os/exec.CommandContext', kind: 'command', args: [3], when: { kwarg: '#1', values: SHELLS }, label: 'exec.CommandContext(shell, "-c", script)' },
  { callee: 'syscall.Exec', kind: 'command', args: [0] },
  { callee: 'syscall.Exec', kind: 'argv', args: [1] },
  { callee: 'os.StartProcess', kind: 'command', args: [0] },
  { callee: 'os.StartProcess', kind: 'argv', args: [1] },
  { callee: member('github.com/mark3labs/mcp-go/client', 'NewStdioMCPClient'), kind: 'command', args: [0] },
  { callee: member('github.com/mark3labs/mcp-go/client', 'NewStdioMCPClient'), kind: 'argv', args: numbered(2, 12) },
  // Arguments of option-rich programs started without a shell.
  { callee: 'os/exec.Command', kind: 'argv', args: ['all'], when: { kwarg: '#0', values: RISKY_CLIS }, label: 'exec.Command(args)' },
  { callee: 'os/exec.CommandContext', kind: 'argv', args: ['all'], when: { kwarg: '#1', values: RISKY_CLIS }, label: 'exec.CommandContext(args)' },
  // Files.
  { callee: member('os', 'Open|ReadFile|ReadDir|Stat|Lstat|Readlink|DirFS|Chdir'), kind: 'file-read', args: [0] },
  { callee: member('io/ioutil', 'ReadFile|ReadDir'), kind: 'file-read', args: [0] },
  { callee: member('path/filepath', 'Walk|WalkDir|Glob'), kind: 'file-read', args: [0] },
  { callee: 'net/http.ServeFile', kind: 'file-read', args: [2] },
  { callee: 'net/http.Dir', kind: 'file-read', args: [0] },
  { callee: typed('github.com/gin-gonic/gin', 'Context', 'File|FileAttachment'), kind: 'file-read', args: [0] },
  { callee: member('archive/zip', 'OpenReader'), kind: 'file-read', args: [0] },
  { callee: member('os', 'OpenFile|WriteFile|Create|Mkdir|MkdirAll|MkdirTemp|CreateTemp|Chmod|Chown|Lchown|Chtimes|Truncate|CopyFS'), kind: 'file-write', args: [0] },
  { callee: member('io/ioutil', 'WriteFile|TempFile|TempDir'), kind: 'file-write', args: [0] },
  { callee: member('os', 'Rename|Symlink|Link'), kind: 'file-write', args: [0, 1] },
  { callee: member('os', 'Remove|RemoveAll'), kind: 'file-delete', args: [0] },
  // Outbound requests: the URL (SSRF) and the data sent.
  { callee: member('net/http', 'Get|Head|Post|PostForm'), kind: 'url', args: [0] },
  { callee: member('net/http', 'DefaultClient\\.(?:Get|Head|Post|PostForm)'), kind: 'url', args: [0] },
  { callee: typed('net/http', 'Client', 'Get|Head|Post|PostForm'), kind: 'url', args: [0] },
  { callee: 'net/http.NewRequest', kind: 'url', args: [1] },
  { callee: 'net/http.NewRequestWithContext', kind: 'url', args: [2] },
  { callee: member('net', 'Dial|DialTimeout'), kind: 'url', args: [1] },
  { callee: typed('net', 'Dialer', 'Dial|DialContext'), kind: 'url', args: [1] },
  { callee: member('github.com/gorilla/websocket', 'DefaultDialer\\.Dial|DefaultDialer\\.DialContext'), kind: 'url', args: [0, 1] },
  { callee: member('google.golang.org/grpc', 'Dial|DialContext|NewClient'), kind: 'url', args: [0, 1] },
  { callee: member('github.com/chromedp/chromedp', 'Navigate'), kind: 'url', args: [0] },
  { callee: method('SetBaseURL'), kind: 'url', args: [0], label: 'resty.Client.SetBaseURL' },
  { callee: method('Navigate|Goto'), kind: 'url', args: [0], label: 'Page.Navigate' },
  { callee: member('net/http', 'Post'), kind: 'outbound-data', args: [2] },
  { callee: member('net/http', 'PostForm'), kind: 'outbound-data', args: [1] },
  { callee: member('net/http', 'DefaultClient\\.Post'), kind: 'outbound-data', args: [2] },
  { callee: typed('net/http', 'Client', 'Post'), kind: 'outbound-data', args: [2] },
  { callee: typed('net/http', 'Client', 'PostForm'), kind: 'outbound-data', args: [1] },
  { callee: 'net/http.NewRequest', kind: 'outbound-data', args: [2], label: 'http.NewRequest(body)' },
  { callee: 'net/http.NewRequestWithContext', kind: 'outbound-data', args: [3], label: 'http.NewRequestWithContext(body)' },
  { callee: 'net/smtp.SendMail', kind: 'outbound-data', args: [3, 4] },
  { callee: method('SetBody'), kind: 'outbound-data', args: [0], label: 'resty.Request.SetBody' },
  { callee: method('WriteMessage'), kind: 'outbound-data', args: [1], label: 'websocket.Conn.WriteMessage' },
  { callee: method('WriteJSON'), kind: 'outbound-data', args: [0], label: 'websocket.Conn.WriteJSON' },
  { callee: method('PostMessage|PostMessageContext'), kind: 'outbound-data', args: ['all'], label: 'slack.Client.PostMessage' },
  { callee: method('ChannelMessageSend'), kind: 'outbound-data', args: [1], label: 'discordgo.Session.ChannelMessageSend' },
  // SQL text. Only the statement argument: the rest are bound parameters.
  { callee: method(SQL_AT_0), kind: 'sql', args: [0] },
  { callee: method(SQL_AT_1), kind: 'sql', args: [1] },
  { callee: method('Where|Order|Having|Joins|Group'), kind: 'sql', args: [0], label: 'gorm.DB.Where' },
  // pgx and sqlx take a context or a destination first.
  { callee: typed('github.com/jackc/pgx', 'Conn|Tx', 'Query|QueryRow|Exec|Prepare'), kind: 'sql', args: [1] },
  { callee: /^github\.com\/jackc\/pgx(?:\/v\d+)?\/pgxpool\.(?:Pool|Conn|Tx)\.(?:Query|QueryRow|Exec)$/, kind: 'sql', args: [1] },
  { callee: typed('github.com/jmoiron/sqlx', 'DB|Tx', 'Select|Get'), kind: 'sql', args: [1] },
  { callee: typed('github.com/jmoiron/sqlx', 'DB|Tx', 'SelectContext|GetContext'), kind: 'sql', args: [2] },
  // Code.
  { callee: 'plugin.Open', kind: 'code', args: [0] },
  { callee: member('github.com/expr-lang/expr', 'Compile|Eval'), kind: 'code', args: [0] },
  { callee: member('github.com/antonmedv/expr', 'Compile|Eval'), kind: 'code', args: [0] },
  { callee: member('github.com/Knetic/govaluate', 'NewEvaluableExpression'), kind: 'code', args: [0] },
  { callee: typed('github.com/traefik/yaegi/interp', 'Interpreter', 'Eval|EvalWithContext'), kind: 'code', args: ['all'] },
  { callee: method('RunString|RunScript'), kind: 'code', args: ['all'], label: 'goja.Runtime.RunString' },
  { callee: method('DoString'), kind: 'code', args: [0], label: 'lua.LState.DoString' },
  // Templates compiled from a string.
  { callee: typed('text/template', 'Template', 'Parse'), kind: 'template', args: [0] },
  { callee: typed('html/template', 'Template', 'Parse'), kind: 'template', args: [0] },
  { callee: member('github.com/tmc/langchaingo/prompts', 'NewPromptTemplate'), kind: 'template', args: [0] },
  // Inner LLM calls: the system part and the user part.
  { callee: method('CreateMessage'), kind: 'llm-system', args: [{ kwarg: 'SystemPrompt' }], label: 'ServerSession.CreateMessage(SystemPrompt)' },
  { callee: method('CreateMessage'), kind: 'llm-prompt', args: [{ kwarg: 'Messages' }], label: 'ServerSession.CreateMessage' },
  { callee: method('RequestSampling'), kind: 'llm-system', args: [{ kwarg: 'SystemPrompt' }], label: 'MCPServer.RequestSampling(SystemPrompt)' },
  { callee: method('RequestSampling'), kind: 'llm-prompt', args: [{ kwarg: 'Messages' }], label: 'MCPServer.RequestSampling' },
  { callee: method('CreateChatCompletion|CreateChatCompletionStream|CreateCompletion'), kind: 'llm-prompt', args: [1], label: 'openai.Client.CreateChatCompletion' },
  { callee: method('New|NewStreaming'), kind: 'llm-system', args: [{ kwarg: 'System' }, { kwarg: 'Instructions' }], label: 'Messages.New(System)' },
  { callee: method('New|NewStreaming'), kind: 'llm-prompt', args: [{ kwarg: 'Messages' }, { kwarg: 'Input' }], label: 'Messages.New' },
  { callee: member('github.com/openai/openai-go', 'SystemMessage|DeveloperMessage'), kind: 'llm-system', args: [0] },
  { callee: member('github.com/openai/openai-go', 'UserMessage'), kind: 'llm-prompt', args: [0] },
  { callee: member('github.com/anthropics/anthropic-sdk-go', 'NewUserMessage|NewTextBlock'), kind: 'llm-prompt', args: ['all'] },
  { callee: method('GenerateContent'), kind: 'llm-system', args: [{ kwarg: 'SystemInstruction' }], label: 'genai.GenerateContent(SystemInstruction)' },
  { callee: method('GenerateContent'), kind: 'llm-prompt', args: [1, 2], label: 'genai.GenerateContent' },
  { callee: member('github.com/tmc/langchaingo/llms', 'GenerateFromSinglePrompt'), kind: 'llm-prompt', args: [2] },
  { callee: member('github.com/tmc/langchaingo/llms', 'TextParts'), kind: 'llm-prompt', args: [1] },
  // Logs.
  { callee: member('log', 'Print|Printf|Println|Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln'), kind: 'log', args: ['all'] },
  { callee: member('log/slog', 'Info|Warn|Error|Debug|Log|InfoContext|WarnContext|ErrorContext|DebugContext'), kind: 'log', args: ['all'] },
  { callee: method('Printf|Println|Print|Infof|Warnf|Errorf|Debugf|Fatalf|Panicf|Tracef|Infow|Warnw|Errorw|Debugw|Msg|Msgf|InfoContext|WarnContext|ErrorContext|DebugContext'), kind: 'log', args: ['all'], label: 'logger.Printf' },
  { callee: method('Info|Warn|Warning|Debug|Trace'), kind: 'log', args: ['all'], label: 'logger.Info' },
  // Redirects and URLs opened in a browser.
  { callee: 'net/http.Redirect', kind: 'redirect', args: [2] },
  { callee: member('github.com/pkg/browser', 'OpenURL'), kind: 'redirect', args: [0] },
  { callee: member('github.com/skratchdot/open-golang/open', 'Run|Start|RunWith|StartWith'), kind: 'redirect', args: [0] },
  { callee: member('github.com/cli/browser', 'OpenURL'), kind: 'redirect', args: [0] },
  { callee: 'os/exec.Command', kind: 'redirect', args: [1, 2], when: { kwarg: '#0', values: OPENERS }, label: 'exec.Command(open, url)' },
  { callee: method('Redirect'), kind: 'redirect', args: [1], label: 'Context.Redirect' },
];

const sanitizers: SanitizerSpec[] = [
  // Numbers and booleans parsed from text hold no text.
  { callee: member('strconv', 'Atoi|ParseInt|ParseUint|ParseFloat|ParseBool|Itoa|FormatInt|FormatUint|FormatFloat|FormatBool'), kinds: 'all' },
  { callee: member('github.com/google/uuid', 'Parse|MustParse|New|NewString'), kinds: 'all' },
  // Shell quoting.
  { callee: member('github.com/alessio/shellescape', 'Quote|QuoteCommand'), kinds: ['command'] },
  { callee: member('github.com/kballard/go-shellquote', 'Join'), kinds: ['command'] },
  // Last path element: no directory parts left.
  { callee: member('path/filepath', 'Base'), kinds: FILE_KINDS },
  { callee: member('path', 'Base'), kinds: FILE_KINDS },
  { callee: member('github.com/cyphar/filepath-securejoin', 'SecureJoin'), kinds: FILE_KINDS, arg: 1 },
  // URL escaping: a path segment or query value cannot change the host (`..` and `$` survive, so nothing else).
  { callee: member('net/url', 'PathEscape|QueryEscape'), kinds: ['url', 'redirect'] },
  { callee: method('Encode'), kinds: ['url', 'redirect'] },
  // SQL quoting.
  { callee: member('github.com/lib/pq', 'QuoteIdentifier|QuoteLiteral'), kinds: ['sql'] },
  { callee: method('Sanitize'), kinds: ['sql'] },
  // Prompts: JSON-encoded text stays data (quoted, escaped) inside a prompt.
  { callee: member('encoding/json', 'Marshal|MarshalIndent'), kinds: ['llm-system', 'llm-prompt', 'log'], marks: ['json-encoded'] },
  // HTML escaping: a mark for the output rules, not a sanitiser of any sink.
  { callee: member('html', 'EscapeString'), kinds: [], marks: ['html-escaped'] },
  { callee: member('html/template', 'HTMLEscapeString|HTMLEscaper'), kinds: [], marks: ['html-escaped'] },
  { callee: member('text/template', 'HTMLEscapeString|HTMLEscaper'), kinds: [], marks: ['html-escaped'] },
  // Log lines: quoting escapes line breaks.
  { callee: member('strconv', 'Quote|QuoteToASCII'), kinds: ['log'] },
  // Hashes and encodings of input hold none of its text.
  { callee: member('encoding/hex', 'EncodeToString'), kinds: 'all' },
  { callee: member('crypto/sha256', 'Sum256'), kinds: 'all' },
];

/*
 * Checks that need data the IR has no place for are left out: `filepath.Rel` (the test is on its result),
 * `ip.IsPrivate()` (true means unsafe, and it checks a value derived from the URL), `strings.EqualFold` (safe only
 * against a constant, which a guard spec cannot require).
 */
const guards: GuardSpec[] = [
  // Containment by prefix: sound only with a trailing separator on a resolved path (the solver judges).
  { callee: member('strings', 'HasPrefix'), checks: 0, kinds: [...FILE_KINDS, 'url', 'redirect'], quality: 'prefix', prefixArg: 1 },
  { callee: member('bytes', 'HasPrefix'), checks: 0, kinds: FILE_KINDS, quality: 'prefix', prefixArg: 1 },
  // Lexically inside the current folder: no `..`, not absolute.
  { callee: member('path/filepath', 'IsLocal'), checks: 0, kinds: FILE_KINDS, quality: 'sound' },
  // Whole-value pattern matches (Go's MatchString searches: only anchored patterns are strict).
  { callee: member('regexp', 'MatchString|Match'), checks: 1, kinds: 'all', quality: 'sound' },
  { callee: method('MatchString|Match'), checks: 0, kinds: 'all', quality: 'sound' },
  // Allow-lists by membership (the builder also turns `slices.Contains(xs, x)` into `<in>`).
  { callee: member('slices', 'Contains'), checks: 1, kinds: 'all', quality: 'sound' },
  { callee: member('golang.org/x/exp/slices', 'Contains'), checks: 1, kinds: 'all', quality: 'sound' },
];

const relativizers: RelativizerSpec[] = [{ callee: member('path/filepath', 'Rel'), target: 1 }];

const pathNormalizers: PathNormalizerSpec[] = [
  { callee: member('path/filepath', 'EvalSymlinks'), effect: 'resolves' },
  { callee: member('path/filepath', 'Clean|Abs'), effect: 'normalizes' },
  { callee: member('path', 'Clean'), effect: 'normalizes' },
  // Join cleans its result, so `..` segments are gone (not symbolic links).
  { callee: member('path/filepath', 'Join'), arg: 'all', effect: 'normalizes' },
  { callee: member('path', 'Join'), arg: 'all', effect: 'normalizes' },
];

const propagators: PropagatorSpec[] = [
  // Results that hold none of the input's text: lengths, booleans, counts, comparisons.
  { callee: /^(?:len|cap|make|new|recover)$/, passes: [] },
  { callee: member('strings', 'Contains|ContainsAny|ContainsRune|HasPrefix|HasSuffix|Index|IndexAny|IndexByte|IndexRune|LastIndex|Count|Compare|EqualFold'), passes: [] },
  { callee: member('bytes', 'Contains|HasPrefix|HasSuffix|Index|Equal|Compare|Count'), passes: [] },
  { callee: member('unicode/utf8', 'RuneCountInString|RuneCount|ValidString|Valid'), passes: [] },
  { callee: member('errors', 'Is|As'), passes: [] },
  { callee: member('os', 'IsNotExist|IsExist|IsPermission'), passes: [] },
  { callee: member('reflect', 'DeepEqual'), passes: [] },
  { callee: member('path/filepath', 'IsAbs|IsLocal|Match'), passes: [] },
  { callee: member('regexp', 'MatchString|Match'), passes: [] },
  { callee: method('MatchString|Match|Len|IsDir|IsRegular|HasPrefix|HasSuffix|Contains|Equal'), passes: [] },
  { callee: member('time', 'Now|Since|Until|Sleep|Duration'), passes: [] },
  // Callbacks that receive a path or the elements of a value.
  { callee: member('path/filepath', 'Walk|WalkDir'), callback: { arg: 1, receives: [0] } },
  { callee: member('io/fs', 'WalkDir'), callback: { arg: 2, receives: [1] } },
  { callee: member('strings', 'Map'), callback: { arg: 0, receives: [1] } },
  { callee: member('strings', 'FieldsFunc|IndexFunc|TrimFunc|TrimLeftFunc|TrimRightFunc'), passes: [0], callback: { arg: 1, receives: [0] } },
  { callee: member('slices', 'SortFunc|SortStableFunc|IndexFunc|ContainsFunc|DeleteFunc'), passes: [0], callback: { arg: 1, receives: [0] } },
  { callee: member('sort', 'Slice|SliceStable'), passes: [0] },
  { callee: method('Range'), callback: { arg: 0, receives: ['receiver'] } },
];

export const GO_CONCEPTS: ConceptTable = {
  sources,
  sinks,
  sanitizers,
  guards,
  pathNormalizers,
  relativizers,
  propagators,
  separatorNames: ['os.PathSeparator', 'path/filepath.Separator', 'os.PathListSeparator'],
};
