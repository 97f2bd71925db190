// MV2103 (MCPSafe MCP-003): a tool or prompt argument reaches a file read, write or delete outside a sound containment check.
import { defineRule } from '../../../rule/rule.js';
import { modelInputFindings } from '../../injection/model-input-flows.js';
import { pathFlowKept, PATH_SINKS, pathSeverity } from '../model-path-flows.js';

export default defineRule({
  meta: {
    id: 'MV2103',
    slug: 'path-traversal',
    title: 'Tool argument reaches a file path without containment',
    category: 'filesystem',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-22', 'CWE-59'],
    owaspMcp: ['MCP05', 'MCP02'],
    aliases: ['MCP-003'],
    mode: 'deep',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{source} reaches {api} in {sink}{via}{broken}{also}',
    docs: {
      summary:
        'A tool or prompt argument flows into the path of a file that is read, written or deleted, and nothing on the way confines it to the folder the tool is meant for — or the check that tries to is broken.',
      risk:
        'A model chooses tool arguments, and text it has read can make it choose `../../.ssh/id_rsa`, `/etc/passwd` or `~/.aws/credentials`. File tools of local MCP servers run with the user\'s rights, so an unconfined path reads any secret the user can read and returns it to the model (and from there to whoever planted the instruction), overwrites shell start-up files or `authorized_keys`, or deletes data. Path traversal is one of the most common flaws in published MCP servers, including reference filesystem servers whose prefix checks could be bypassed with sibling folder names and symbolic links. Writes and deletes are reported as critical.',
      detection:
        'Deep mode only. Sources: arguments of MCP tool handlers and prompt handlers (resource-template variables are MV2104). Sinks (concepts `file-read`, `file-write`, `file-delete`): Python `open`/`io.open`/`aiofiles.open` (write modes are writes), `pathlib.Path.read_text`/`read_bytes`/`write_text`/`write_bytes`/`open`/`unlink`/`mkdir`/`rename`/`iterdir`/`glob`, `os.listdir`/`scandir`/`walk`/`remove`/`unlink`/`rmdir`/`makedirs`/`rename`/`chmod`, `shutil.copy*`/`move`/`rmtree`, `zipfile`/`tarfile` extraction targets, `FileResponse`/`send_file`; Node `fs` and `fs/promises` (`readFile`, `readdir`, `createReadStream`, `writeFile`, `appendFile`, `mkdir`, `copyFile`, `rename`, `rm`, `unlink`, `rmdir`, and the `Sync` forms), fs-extra, `glob`, `rimraf`, `res.sendFile`; Go `os.Open`/`ReadFile`/`ReadDir`/`Stat`/`OpenFile`/`WriteFile`/`Create`/`MkdirAll`/`Rename`/`Remove`/`RemoveAll`, `filepath.Walk`/`Glob`, `http.ServeFile`. Joins (`os.path.join`, `path.join`, `filepath.Join`), f-strings and concatenation keep the value in the path. Silenced by sound containment: a path resolved with symbolic links followed (`os.path.realpath`, `Path.resolve()`, `fs.realpath`, `filepath.EvalSymlinks`) checked with a prefix that ends in a separator (`startswith(root + os.sep)`, `startsWith(root + path.sep)`, `strings.HasPrefix(p, root+string(os.PathSeparator))`), `Path.is_relative_to`, `os.path.commonpath`, a relative path (`os.path.relpath`, `path.relative`, `filepath.Rel`) of a resolved target tested for a leading `..`, `filepath.IsLocal`; by reducing the value to a file name (`os.path.basename`, `path.basename`, `filepath.Base`, `secure_filename`, `sanitize-filename`), or replacing every `/` in it (not for folder operations such as listing or recursive deletes, where `..` still names the parent; the replacement is recognised from the source text along the trace); by `werkzeug.safe_join`, `securejoin.SecureJoin`; by allow-lists, strict pattern checks and enum or strict-`pattern` schemas. Broken checks are reported with the finding and say which: a prefix without a trailing separator (`/srv/notes_secret` passes `startswith("/srv/notes")`), a prefix test on a path never normalised (`root + "/../.."` passes), a normalised but not resolved path (`normpath`, `path.resolve`, `filepath.Clean`/`Join` leave symbolic links that lead out), a check on another variable than the one used, and a check placed after the file was already used. Limits: containment implemented in a helper that returns a boolean is not understood unless the check itself is one of the forms above; paths that pass through storage (a database, a file) are not followed. Methods of the project\'s own classes are followed through constructors, local and module-level instances, and imports.',
      fix:
        'Resolve the joined path with symbolic links followed and check that it stays inside the root with a separator-terminated prefix: Python `p = os.path.realpath(os.path.join(root, name)); if not p.startswith(root_real + os.sep): raise` or `Path(root, name).resolve().is_relative_to(root_real)`; Node `const p = await fs.realpath(path.resolve(root, name)); if (!p.startsWith(rootReal + path.sep)) throw …`; Go `p, err := filepath.EvalSymlinks(filepath.Join(root, name))` then `strings.HasPrefix(p, rootReal+string(os.PathSeparator))`, or use `os.Root` (Go 1.24) / `securejoin`. When the tool only needs a file name, keep just the base name. Never allow writes or deletes outside a dedicated folder, and consider the MCP roots the client granted.',
      references: [
        { title: 'CWE-22: Path Traversal', url: 'https://cwe.mitre.org/data/definitions/22.html' },
        { title: 'CWE-59: Link Following', url: 'https://cwe.mitre.org/data/definitions/59.html' },
        { title: 'OWASP: Path Traversal', url: 'https://owasp.org/www-community/attacks/Path_Traversal' },
        { title: 'Go blog: Traversal-resistant file APIs (os.Root)', url: 'https://go.dev/blog/osroot' },
        { title: 'MCP specification: roots', url: 'https://modelcontextprotocol.io/specification/2025-11-25/client/roots' },
      ],
    },
  },
  project: {
    detect: (ctx) => modelInputFindings(ctx, { sinks: PATH_SINKS, sources: ['tool-input', 'prompt-arg'], keep: pathFlowKept, severityOf: pathSeverity }),
  },
});
