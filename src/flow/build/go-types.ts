// Static types the Go builder can read off a file: its own type declarations, function results, and the types
// well-known constructors return, so that method calls name their receiver's type (`database/sql.DB.Query`).
import type { JTree } from '../jtree.js';

/** Types of the package's own declarations: kind per type, field types per struct, first result per function. */
export interface GoFileTypes {
  kinds: Map<string, 'struct' | 'interface' | 'other'>;
  /** `Type.field` → the field's type as written (`*sql.DB`); embedded fields are named after their type. */
  fields: Map<string, string>;
  /** Function name → its first result type as written. */
  results: Map<string, string>;
}

/** Reads type declarations and function results from the top-level nodes of a file. */
export function collectGoTypes(t: JTree, top: readonly number[]): GoFileTypes {
  const out: GoFileTypes = { kinds: new Map(), fields: new Map(), results: new Map() };
  for (const n of top) {
    const type = t.type(n);
    if (type === 'type_declaration') {
      for (const spec of t.children(n)) {
        if (t.type(spec) !== 'type_spec' && t.type(spec) !== 'type_alias') continue;
        const name = t.child(spec, 'name');
        const body = t.child(spec, 'type');
        if (name < 0 || body < 0) continue;
        const typeName = t.nodeText(name);
        const bt = t.type(body);
        out.kinds.set(typeName, bt === 'struct_type' ? 'struct' : bt === 'interface_type' ? 'interface' : 'other');
        if (bt !== 'struct_type') continue;
        for (const list of t.children(body)) {
          if (t.type(list) !== 'field_declaration_list') continue;
          for (const field of t.children(list)) {
            if (t.type(field) !== 'field_declaration') continue;
            const ft = t.child(field, 'type');
            if (ft < 0) continue;
            const fieldType = t.nodeText(ft);
            const names = t.childrenOf(field, 'name');
            if (!names.length) {
              const embedded = /(\w+)(?:\[.*)?$/.exec(fieldType.replace(/^\*/, ''));
              if (embedded) out.fields.set(`${typeName}.${embedded[1]}`, fieldType);
            }
            for (const f of names) out.fields.set(`${typeName}.${t.nodeText(f)}`, fieldType);
          }
        }
      }
    } else if (type === 'function_declaration') {
      const name = t.child(n, 'name');
      const result = t.child(n, 'result');
      if (name < 0 || result < 0) continue;
      let first = result;
      if (t.type(result) === 'parameter_list') {
        const decl = t.children(result).find((c) => t.type(c) === 'parameter_declaration');
        first = decl !== undefined ? t.child(decl, 'type') : -1;
      }
      if (first >= 0) out.results.set(t.nodeText(name), t.nodeText(first));
    }
  }
  return out;
}

/**
 * What well-known constructors and package variables return, by canonical callee. `New<T>` functions of any
 * package return `<T>` by convention and need no entry here.
 */
export const GO_CONSTRUCTORS: ReadonlyMap<string, string> = new Map([
  ['database/sql.Open', 'database/sql.DB'],
  ['database/sql.OpenDB', 'database/sql.DB'],
  ['os/exec.Command', 'os/exec.Cmd'],
  ['os/exec.CommandContext', 'os/exec.Cmd'],
  ['text/template.New', 'text/template.Template'],
  ['text/template.Must', 'text/template.Template'],
  ['html/template.New', 'html/template.Template'],
  ['html/template.Must', 'html/template.Template'],
  ['os.Open', 'os.File'],
  ['os.OpenFile', 'os.File'],
  ['os.Create', 'os.File'],
  ['os.OpenRoot', 'os.Root'],
  ['net/url.Parse', 'net/url.URL'],
  ['net/http.DefaultClient', 'net/http.Client'],
  ['github.com/jmoiron/sqlx.Connect', 'github.com/jmoiron/sqlx.DB'],
  ['github.com/jmoiron/sqlx.Open', 'github.com/jmoiron/sqlx.DB'],
  ['github.com/jmoiron/sqlx.MustConnect', 'github.com/jmoiron/sqlx.DB'],
  ['github.com/jmoiron/sqlx.MustOpen', 'github.com/jmoiron/sqlx.DB'],
  ['gorm.io/gorm.Open', 'gorm.io/gorm.DB'],
  ['github.com/traefik/yaegi/interp.New', 'github.com/traefik/yaegi/interp.Interpreter'],
  ['github.com/dop251/goja.New', 'github.com/dop251/goja.Runtime'],
]);

/** Prefix-matched constructors whose module carries a major version (`github.com/jackc/pgx/v5.Connect`). */
const VERSIONED_CONSTRUCTORS: readonly [RegExp, string][] = [
  [/^(github\.com\/jackc\/pgx(?:\/v\d+)?)\.(?:Connect|ConnectConfig)$/, 'Conn'],
  [/^(github\.com\/jackc\/pgx(?:\/v\d+)?\/pgxpool)\.(?:New|NewWithConfig|Connect|ConnectConfig)$/, 'Pool'],
  [/^(github\.com\/go-resty\/resty(?:\/v\d+)?)\.New$/, 'Client'],
  [/^(github\.com\/redis\/go-redis(?:\/v\d+)?)\.NewClient$/, 'Client'],
];

/** The type a call of this canonical callee returns, when a constructor convention or table says so. */
export function constructedType(callee: string): string | undefined {
  const known = GO_CONSTRUCTORS.get(callee);
  if (known) return known;
  for (const [re, type] of VERSIONED_CONSTRUCTORS) {
    const m = re.exec(callee);
    if (m) return `${m[1]}.${type}`;
  }
  // `pkg.NewClient(…)` → `pkg.Client`.
  const m = /^(.+)\.New([A-Z]\w*)$/.exec(callee);
  return m && !m[1]!.startsWith('.') ? `${m[1]}.${m[2]}` : undefined;
}
