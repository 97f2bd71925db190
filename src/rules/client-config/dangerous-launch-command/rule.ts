// MV8004: a configured server is started by a command that downloads and runs code, runs as root, or hands a container the host.
import type { ConfigValue, ConfiguredServer } from '../../../model/client-config.js';
import type { Severity } from '../../../model/severity.js';
import { defineRule, type RawFinding } from '../../../rule/rule.js';
import { activeServers, serverLabel, spanOf } from '../config-helpers.js';

interface Danger {
  at: ConfigValue;
  what: string;
  severity: Severity;
}

/** Script patterns, each a bounded alternation (linear time on any input). */
const SCRIPT_CHECKS: { re: RegExp; what: string; severity: Severity }[] = [
  { re: /\b(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod)\b[^|;&\n]{0,400}\|\s{0,5}(?:sudo\s{1,5})?(?:ba|z|da|k)?sh\b|\b(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod)\b[^|;&\n]{0,400}\|\s{0,5}(?:python3?|node|perl|ruby|iex|invoke-expression)\b/i, what: 'pipes a download into an interpreter (curl … | sh)', severity: 'critical' },
  { re: /\$\(\s{0,5}(?:curl|wget)\b|`\s{0,5}(?:curl|wget)\b|<\(\s{0,5}(?:curl|wget)\b/i, what: 'runs the output of a download ($(curl …))', severity: 'critical' },
  { re: /\b(?:iex|invoke-expression)\b[^;\n]{0,200}\b(?:downloadstring|iwr|irm|invoke-webrequest|invoke-restmethod|net\.webclient)\b/i, what: 'runs a downloaded PowerShell script', severity: 'critical' },
  { re: /\bbase64\s{1,5}(?:-d|--decode|-D)\b[^;\n]{0,200}\|\s{0,5}(?:ba|z)?sh\b/i, what: 'decodes and runs hidden commands (base64 -d | sh)', severity: 'critical' },
  { re: /(?:^|[\s;&|(])sudo\s/, what: 'runs commands as root with sudo', severity: 'high' },
  { re: /\brm\s{1,5}-[a-z]{0,5}r[a-z]{0,5}f?\s{1,5}(?:\/|~|\$HOME)(?:\s|$)/i, what: 'deletes the root or home folder', severity: 'critical' },
  { re: /\/dev\/tcp\/|\bnc\b[^;\n]{0,100}\s-e\s|\bsocat\b[^;\n]{0,100}exec:/i, what: 'opens a reverse shell', severity: 'critical' },
  { re: /-(?:encodedcommand|enc|ec)\s{1,5}[A-Za-z0-9+/=]{16,}/i, what: 'runs an encoded PowerShell command', severity: 'high' },
];

/** Capabilities that give a container control over the host kernel or other processes. */
const DANGEROUS_CAPS = new Set(['all', 'sys_admin', 'sys_ptrace', 'sys_module', 'net_admin', 'dac_read_search', 'sys_rawio', 'bpf']);
/** Host paths whose mount hands the container the machine: its root, system folders, the Docker socket. */
const HOST_MOUNT = /^(?:\/|\/etc|\/root|\/var\/run\/docker\.sock|\/run\/docker\.sock|\/proc|\/sys|\/dev|\/boot|[A-Za-z]:\\?|\/\/\.\/pipe\/docker_engine|~|\$HOME|\$\{HOME\}|%USERPROFILE%)\/?$/;

export default defineRule({
  meta: {
    id: 'MV8004',
    slug: 'dangerous-launch-command',
    title: 'MCP server started by a dangerous command',
    category: 'client-config',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-78', 'CWE-250', 'CWE-494'],
    owaspMcp: ['MCP04', 'MCP05'],
    aliases: [],
    mode: 'fast',
    languages: ['manifest'],
    status: 'stable',
    message: '{server} {what}',
    docs: {
      summary:
        'A server entry\'s `command` and `args` do more than start a server: a shell script that pipes a download into `sh` (`curl … | sh`, `bash -c "$(curl …)"`), `sudo`, a reverse shell, or `docker run` with `--privileged`, dangerous capabilities, the host network or PID namespace, or a mount of the host\'s root, home, system folders or Docker socket.',
      risk:
        'The client runs this command with the user\'s rights every time it starts, often without showing it again — and a project config (`.mcp.json`, `.cursor/mcp.json`, `.vscode/mcp.json`) is run for whoever opens the repository. A downloaded script runs whatever the remote host serves that day. `sudo` puts the server, and everything a prompt injection makes it do, above the user\'s own permissions. A privileged container, or one with `/` or the Docker socket mounted, is not a sandbox: the server inside can read every file and start processes on the host.',
      detection:
        'For each enabled stdio server, the inline script of a shell (`sh`/`bash`/`zsh -c`, `cmd /c`, `powershell -Command`) or interpreter (`node -e`, `python -c`) and the arguments are matched against download-and-run patterns (`curl|wget|iwr … | sh|bash|python|iex`, `$(curl …)`, `<(curl …)`, `base64 -d | sh`), `sudo`, `rm -rf /`, reverse shells (`/dev/tcp/`, `nc -e`) and encoded PowerShell. A `command` of `sudo`/`doas` is reported too. `docker run`/`podman run` arguments are checked for `--privileged`, `--cap-add` of `ALL`, `SYS_ADMIN`, `SYS_PTRACE`, `SYS_MODULE`, `NET_ADMIN`, `DAC_READ_SEARCH`, `--network host`, `--pid host`, `--ipc host`, `--userns host`, `--security-opt seccomp=unconfined`/`apparmor=unconfined`/`label=disable`, and `-v`/`--mount` of `/`, `/etc`, `/root`, `/proc`, `/sys`, `/dev`, the home folder or the Docker socket. Each dangerous argument is one finding.',
      fix:
        'Start servers directly with a pinned package (`npx -y pkg@1.2.3`, `uvx pkg==1.2.3`) or a reviewed local binary, never through a script fetched at start-up. Drop `sudo`: a server that needs root needs a different design. Run containers with `--rm -i --cap-drop=ALL --read-only`, the default network, and only the folders the server needs mounted (read-only where possible).',
      references: [
        { title: 'MCP specification: security best practices (local server compromise)', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices' },
        { title: 'Docker docs: runtime privilege and Linux capabilities', url: 'https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities' },
        { title: 'OWASP Docker Security Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html' },
        { title: 'CWE-494: Download of Code Without Integrity Check', url: 'https://cwe.mitre.org/data/definitions/494.html' },
      ],
    },
  },
  file: {
    languages: ['json', 'toml'],
    requires: /mcp|servers/i,
    detect(ctx) {
      const out: RawFinding[] = [];
      for (const s of activeServers(ctx.clientConfig)) {
        for (const d of dangers(s)) out.push({ span: spanOf(d.at.location), data: { server: serverLabel(s), what: d.what }, severity: d.severity });
      }
      return out;
    },
  },
});

function dangers(s: ConfiguredServer): Danger[] {
  const found: Danger[] = [];
  const launch = s.launch;
  if (!launch || !s.command) return found;
  const program = launch.program.trim().split(/[\\/]/).pop()!.toLowerCase().split(/\s/)[0]!;
  if (program === 'sudo' || program === 'doas') found.push({ at: s.command, what: `runs as root through ${program}`, severity: 'high' });
  // Scripts: the inline script of a shell or interpreter, and a whole command line written into `command`.
  const scripts: ConfigValue[] = [];
  if (launch.script) scripts.push(launch.script);
  if (!s.args.length && /\s/.test(s.command.value.trim())) scripts.push(s.command);
  for (const script of scripts) {
    for (const c of SCRIPT_CHECKS) if (c.re.test(script.value)) found.push({ at: script, what: c.what, severity: c.severity });
  }
  if (launch.runner === 'docker' || launch.runner === 'podman') found.push(...containerDangers(s.args));
  return found;
}

function containerDangers(args: readonly ConfigValue[]): Danger[] {
  const out: Danger[] = [];
  const runAt = args.findIndex((a) => a.value === 'run');
  for (let i = runAt + 1; i < args.length && runAt >= 0; i++) {
    const a = args[i]!;
    const [flag, glued] = splitOption(a.value);
    const value = glued ?? args[i + 1]?.value;
    const valueAt = glued !== undefined ? a : args[i + 1];
    switch (flag) {
      case '--privileged':
        if (glued === undefined || glued === 'true') out.push({ at: a, what: 'runs its container with --privileged: full access to the host\'s devices and kernel', severity: 'critical' });
        continue;
      case '--cap-add':
        if (value && DANGEROUS_CAPS.has(value.toLowerCase().replace(/^cap_/, ''))) out.push({ at: valueAt ?? a, what: `adds the ${value.toUpperCase()} capability to its container`, severity: 'high' });
        break;
      case '--network':
      case '--net':
      case '--pid':
      case '--ipc':
      case '--userns':
      case '--uts':
        if (value === 'host') out.push({ at: valueAt ?? a, what: `shares the host's ${flag.slice(2) === 'net' ? 'network' : flag.slice(2)} namespace with its container (${flag} host)`, severity: 'high' });
        break;
      case '--security-opt':
        if (value && /^(?:seccomp[=:]unconfined|apparmor[=:]unconfined|label[=:]disable|systempaths=unconfined)$/i.test(value)) {
          out.push({ at: valueAt ?? a, what: `turns off container confinement (--security-opt ${value})`, severity: 'high' });
        }
        break;
      case '-v':
      case '--volume': {
        const source = value?.split(':')[0];
        const hostPath = value && /^[A-Za-z]:/.test(value) ? value.slice(0, 2) : source;
        if (hostPath !== undefined && HOST_MOUNT.test(hostPath)) out.push({ at: valueAt ?? a, what: `mounts the host's ${describeMount(hostPath)} into its container (${value})`, severity: hostPath === '/' || /docker/.test(hostPath) ? 'critical' : 'high' });
        break;
      }
      case '--mount': {
        const source = value && /(?:^|,)(?:source|src)=([^,]+)/.exec(value)?.[1];
        if (source && HOST_MOUNT.test(source)) out.push({ at: valueAt ?? a, what: `mounts the host's ${describeMount(source)} into its container`, severity: source === '/' || /docker/.test(source) ? 'critical' : 'high' });
        break;
      }
      default:
        // The image name ends the options; what follows belongs to the server.
        if (!a.value.startsWith('-') && (i === runAt + 1 || !args[i - 1]!.value.startsWith('-') || isFlagWithoutValue(args[i - 1]!.value))) return out;
        continue;
    }
    if (glued === undefined) i++;
  }
  return out;
}

/** `--cap-add=SYS_ADMIN` → [`--cap-add`, `SYS_ADMIN`]; `-v/a:/b` → [`-v`, `/a:/b`]. */
function splitOption(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  if (arg.startsWith('--') && eq > 0) return [arg.slice(0, eq), arg.slice(eq + 1)];
  if (/^-v./.test(arg)) return ['-v', arg.slice(2)];
  return [arg, undefined];
}

const FLAGS_WITHOUT_VALUE = new Set(['-i', '-t', '-it', '-ti', '-d', '--rm', '--init', '--read-only', '--interactive', '--tty', '--detach', '-P', '--publish-all', '--privileged', '--no-healthcheck', '--oom-kill-disable', '--sig-proxy', '-q', '--quiet']);

function isFlagWithoutValue(arg: string): boolean {
  return FLAGS_WITHOUT_VALUE.has(arg) || (arg.startsWith('--') && arg.includes('=')) || /^-[a-z]{2,}$/.test(arg);
}

function describeMount(hostPath: string): string {
  if (hostPath === '/' || /^[A-Za-z]:\\?$/.test(hostPath)) return 'root file system';
  if (/docker/.test(hostPath)) return 'Docker socket (control of every container, and so of the host)';
  if (/^(?:~|\$HOME|\$\{HOME\}|%USERPROFILE%)/.test(hostPath)) return 'home folder';
  return `${hostPath} folder`;
}
