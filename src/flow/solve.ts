// The taint solver: runs seeded functions over the flow IR, with per-function summaries for every call into the
// project, and reports each source→sink flow with its trace. Generic: it knows concept tables and seeds, not MCP.
import type { TraceStep } from '../model/finding.js';
import type { Location } from '../model/location.js';
import { calleeMatches, SINK_KINDS, type ArgPosition, type CleanMark, type ConceptTable, type SinkKind } from './concepts.js';
import type { FileFlow, FlowCall, FlowExpr, FlowFunction, FlowRef, FlowStmt } from './ir.js';
import { ProgramIndex, type GoModule } from './program-index.js';
import type { BrokenSanitizer, Seed, SeedEffects, SeedSource, SolveResult, TaintFlow } from './taint.js';

export interface SolveBudget {
  /** Statement evaluations over the whole solve. */
  maxStatements: number;
  /** Distinct labels one value may hold; beyond it the least interesting are dropped (and counted). */
  maxLabels: number;
  /** Trace steps kept per label. */
  maxSteps: number;
  /** Nested summary computations (call depth of the analysis). */
  maxDepth: number;
}

export const DEFAULT_BUDGET: SolveBudget = { maxStatements: 3_000_000, maxLabels: 24, maxSteps: 40, maxDepth: 24 };

export interface SolveInput {
  files: readonly FileFlow[];
  tables: Readonly<Record<FileFlow['language'], ConceptTable>>;
  seeds: readonly Seed[];
  goModules?: readonly GoModule[];
  budget?: Partial<SolveBudget>;
}

type PathState = 'raw' | 'normalized' | 'resolved';

/** A piece of taint on a value: where it came from, what cleaned it, and how it got here. */
interface Label {
  /** Source labels carry the source; parameter labels (inside summaries) the parameter index. */
  source?: SeedSource;
  param?: number;
  sanitized: readonly SinkKind[] | 'all';
  steps: readonly TraceStep[];
  via: readonly { name: string; location: Location }[];
  path: PathState;
  /** Literal text right before this value in the last string it was concatenated into. */
  context?: string;
  /**
   * All the text before this value in the string it ends up in, with other values as U+FFFC: built up through nested
   * concatenations (`"Result:\n" + md` where `md = f"![x](https://h/?q={v}"`), capped to its last 200 characters.
   */
  prefix?: string;
  /** Cleaners the value went through (see `CleanMark`). */
  marks?: readonly CleanMark[];
  /** Checks that looked right but are not, each for the sink kinds it was meant to protect. */
  broken?: readonly BrokenNote[];
}

interface BrokenNote {
  note: BrokenSanitizer;
  kinds: readonly SinkKind[] | 'all';
}

type Labels = readonly Label[];
type Env = Map<string, Labels>;

interface SinkHit {
  label: Label;
  kind: SinkKind;
  api: string;
  location: Location;
  context?: string;
  prefix?: string;
}

interface Summary {
  /** Labels (per parameter) that come back out of the function, with the function's effects applied. */
  returns: Label[];
  /** Parameter labels that reach a sink inside. */
  sinks: SinkHit[];
  /** Parameter labels stored into `self.x` fields (class-wide keys). */
  fields: { key: string; label: Label }[];
  /** Sinks the code reaches whatever the data, one example each. */
  effects: Map<SinkKind, { api: string; location: Location }>;
}

interface FrameState {
  fn: FlowFunction;
  file: FileFlow;
  table: ConceptTable;
  returns: Label[];
  hits: SinkHit[];
  fieldWrites: { key: string; label: Label }[];
  effects: Map<SinkKind, { api: string; location: Location }>;
  seedCalls?: Map<string, SeedSource>;
  /** Origins (source or parameter) a guard made safe, by the guarded variable, for `checked-other-variable`. */
  guarded: { originKey: string; ref: string; kinds: readonly SinkKind[] | 'all'; location: Location }[];
  /** Variables holding a path made relative to a base (`rel = path.relative(root, target)`), by name: the target. */
  relatives: Map<string, FlowRef>;
  /** Variables holding an instance of one of the project's classes (`r = new Runner(cmd)`), by name: the class. */
  instances: Map<string, string>;
  depth: number;
}

const EMPTY: Labels = [];

export function solve(input: SolveInput): SolveResult {
  return new Solver(input).run();
}

class Solver {
  private readonly index: ProgramIndex;
  private readonly budget: SolveBudget;
  private readonly summaries = new Map<string, Summary>();
  private readonly inProgress = new Set<string>();
  /** Taint stored in `self.x` fields, per class, shared by every method of the class. */
  private readonly classFields = new Map<string, Labels>();
  /** Taint from secondary sources held in module-level variables (`TOKEN = os.environ["X"]`), per file. */
  private readonly moduleEnvs = new Map<string, Env>();
  /** Module-level instances of project classes (`const store = new NoteStore()`), per file. */
  private readonly moduleInstances = new Map<string, Map<string, string>>();
  private readonly flows = new Map<string, TaintFlow>();
  private readonly effects = new Map<string, SeedEffects>();
  private readonly limits: { path?: string; message: string }[] = [];
  private statements = 0;
  private analysed = 0;
  private budgetHit = false;
  private droppedLabels = 0;

  constructor(private readonly input: SolveInput) {
    this.index = new ProgramIndex(input.files, input.goModules);
    this.budget = { ...DEFAULT_BUDGET, ...input.budget };
  }

  run(): SolveResult {
    // Two rounds: the second sees class fields and recursive summaries the first one filled in.
    for (let round = 0; round < 2; round++) {
      for (const seed of this.input.seeds) this.runSeed(seed);
      if (this.budgetHit) break;
      this.summaries.clear();
    }
    if (this.droppedLabels > 0) this.limits.push({ message: `taint labels capped at ${this.budget.maxLabels} per value; ${this.droppedLabels} dropped` });
    const flows = [...this.flows.values()].sort(compareFlows);
    return {
      flows,
      effects: [...this.effects.values()].sort((a, b) => (locKey(a.at) < locKey(b.at) ? -1 : 1)),
      limits: this.limits,
      stats: { functions: this.index.functions.size, analysed: this.analysed, statements: this.statements, flows: flows.length },
    };
  }

  private runSeed(seed: Seed): void {
    const file = this.index.files.get(seed.path);
    if (!file) return;
    const fn = innermostContaining(file, seed.at);
    if (!fn) return;
    const env: Env = new Map();
    for (const n of seed.names) addTo(env, n.name, [this.sourceLabel(n.source)]);
    for (const p of seed.params ?? []) {
      const param = fn.params[p.index];
      if (param) addTo(env, p.path ? `${param.name}.${p.path}` : param.name, [this.sourceLabel(p.source)]);
    }
    // A seeded name that the function takes apart from a parameter (`({ path }) =>` is `<arg0>` then a destructure)
    // must survive that destructure: seed the parameter's field too.
    for (const p of fn.params) {
      for (const d of p.destructured ?? []) {
        const seeded = env.get(d.name);
        if (seeded) addTo(env, `${p.name}.${d.key}`, seeded);
      }
    }
    const seedCalls = new Map(seed.calls.map((c) => [locKey(c.location), c.source]));
    const frame = this.frame(fn, file, 0);
    frame.seedCalls = seedCalls;
    this.execBlock(fn.stmts, env, frame);
    for (const hit of frame.hits) this.record(hit);
    const effKey = locKey(seed.at);
    const eff = this.effects.get(effKey) ?? { path: seed.path, at: seed.at, kinds: [], examples: [] };
    for (const [kind, ex] of frame.effects) {
      if (eff.kinds.includes(kind)) continue;
      eff.kinds.push(kind);
      eff.kinds.sort();
      eff.examples.push({ kind, ...ex });
      eff.examples.sort((a, b) => (a.kind < b.kind ? -1 : 1));
    }
    this.effects.set(effKey, eff);
    if (seed.returnsTo) {
      for (const l of frame.returns) {
        if (!l.source) continue;
        this.record({ label: l, kind: seed.returnsTo.kind, api: seed.returnsTo.label, location: fn.location, context: l.context, prefix: l.prefix });
      }
    }
  }

  private frame(fn: FlowFunction, file: FileFlow, depth: number): FrameState {
    this.analysed++;
    return { fn, file, table: this.input.tables[file.language], returns: [], hits: [], fieldWrites: [], effects: new Map(), guarded: [], relatives: new Map(), instances: new Map(), depth };
  }

  private sourceLabel(source: SeedSource): Label {
    return {
      source,
      sanitized: source.safeFor ?? [],
      steps: [{ location: source.location, label: source.description }],
      via: [],
      path: 'raw',
    };
  }

  private record(hit: SinkHit): void {
    const l = hit.label;
    if (!l.source || isSanitized(l, hit.kind)) return;
    const steps = capSteps([...l.steps, { location: hit.location, label: `reaches ${hit.api}` }], this.budget.maxSteps);
    const flow: TaintFlow = {
      source: l.source,
      sink: { kind: hit.kind, api: hit.api, location: hit.location, ...(hit.context ? { context: hit.context } : {}), ...(hit.prefix ? { prefix: hit.prefix } : {}) },
      steps,
      ...(l.marks?.length ? { marks: [...l.marks] } : {}),
      via: [...l.via],
      ...(brokenFor(l, hit.kind) ? { broken: brokenFor(l, hit.kind) } : {}),
    };
    const key = `${hit.kind}\0${locKey(hit.location)}\0${locKey(l.source.location)}\0${l.source.description}`;
    const old = this.flows.get(key);
    // Keep the shortest trace for a source/sink pair; a broken-sanitizer note wins over none.
    if (!old || (flow.broken && !old.broken) || (!!flow.broken === !!old.broken && flow.steps.length < old.steps.length)) this.flows.set(key, flow);
  }

  // ---------------------------------------------------------------------------------------------- statements

  private execBlock(stmts: readonly FlowStmt[], env: Env, fr: FrameState): Env {
    let cur = env;
    for (const s of stmts) {
      if (this.budgetHit) return cur;
      if (++this.statements > this.budget.maxStatements) {
        this.budgetHit = true;
        this.limits.push({ path: fr.file.path, message: `deep analysis budget of ${this.budget.maxStatements} statement evaluations reached; remaining flows not followed` });
        return cur;
      }
      cur = this.exec(s, cur, fr);
    }
    return cur;
  }

  private exec(s: FlowStmt, env: Env, fr: FrameState): Env {
    switch (s.kind) {
      case 'assign': {
        const v = this.eval(s.value, env, fr);
        this.write(env, s.target, v, fr, s.location);
        if (s.target.kind === 'var') {
          this.noteRelative(s.target.name, s.value, fr);
          const cls = s.value.kind === 'call' ? this.index.constructedClass(fr.fn, s.value.call) : undefined;
          if (cls) fr.instances.set(s.target.name, cls);
          else fr.instances.delete(s.target.name);
        }
        return env;
      }
      case 'destructure': {
        const whole = this.eval(s.value, env, fr);
        // Go's `rel, err := filepath.Rel(root, target)`: the first result is the relative path.
        const first = s.targets[0]?.target;
        if (first?.kind === 'var') this.noteRelative(first.name, s.value, fr);
        for (const t of s.targets) {
          let v = whole;
          if (t.key !== undefined && s.value.kind === 'ref') v = union(this.read(env, { kind: 'field', base: s.value.ref, name: t.key }, fr), whole, this.budget.maxLabels);
          this.write(env, t.target, v, fr, s.location);
        }
        return env;
      }
      case 'expr':
        this.eval(s.value, env, fr);
        return env;
      case 'return': {
        const v = this.eval(s.value, env, fr);
        fr.returns.push(...v);
        return env;
      }
      case 'if': {
        this.eval(s.test, env, fr);
        const effect = this.guardEffect(s.test, env, fr);
        const thenEnv = this.applyEffects(new Map(env), effect.whenTrue, fr, s.location);
        const elseEnv = this.applyEffects(new Map(env), effect.whenFalse, fr, s.location);
        const thenOut = this.execBlock(s.then, thenEnv, fr);
        const elseOut = this.execBlock(s.else, elseEnv, fr);
        if (s.thenExits && !s.elseExits) return elseOut;
        if (s.elseExits && !s.thenExits) return thenOut;
        return joinEnv(thenOut, elseOut, this.budget.maxLabels);
      }
      case 'loop': {
        if (s.target && s.iterable) this.write(env, s.target, this.eval(s.iterable, env, fr), fr, s.location);
        // Twice: values assigned late in the body reach uses early in the next iteration.
        const once = this.execBlock(s.body, new Map(env), fr);
        const joined = joinEnv(env, once, this.budget.maxLabels);
        const twice = this.execBlock(s.body, joined, fr);
        return joinEnv(joined, twice, this.budget.maxLabels);
      }
      case 'block':
        return this.execBlock(s.body, env, fr);
    }
  }

  // --------------------------------------------------------------------------------------------- expressions

  private eval(e: FlowExpr, env: Env, fr: FrameState): Labels {
    switch (e.kind) {
      case 'lit':
      case 'unknown':
      case 'func':
        return EMPTY;
      case 'ref':
        return this.read(env, e.ref, fr);
      case 'concat': {
        let out: Label[] = [];
        let prefix = '';
        let full = '';
        for (const part of e.parts) {
          if (part.kind === 'lit') {
            prefix = `${prefix}${part.value ?? ''}`.slice(-120);
            full = `${full}${part.value ?? ''}`.slice(-200);
            continue;
          }
          const v = this.eval(part, env, fr);
          if (v.length) out = [...union(out, v.map((l) => ({ ...l, context: prefix || l.context, prefix: `${full}${l.prefix ?? ''}`.slice(-200) })), this.budget.maxLabels)];
          prefix = '';
          full = `${full}\uFFFC`.slice(-200);
        }
        return out;
      }
      case 'collection': {
        let out: Labels = EMPTY;
        for (const item of e.items) out = union(out, this.eval(item, env, fr), this.budget.maxLabels);
        return out;
      }
      case 'choice': {
        let out: Labels = EMPTY;
        for (const o of e.options) out = union(out, this.eval(o, env, fr), this.budget.maxLabels);
        return out;
      }
      case 'call':
        return this.call(e.call, env, fr);
    }
  }

  /**
   * Labels of an argument list that a value can still turn into an option, when the list is written out: the call's
   * own arguments (`exec.Command("grep", "-e", p, "--", dir)`) or a list literal (`["grep", "-e", p, "--", dir]`).
   * Undefined when the list is not literal, so the caller falls back to the whole argument.
   */
  private argvAt(pos: ArgPosition, all: readonly ArgPosition[], c: FlowCall, argLabels: readonly Labels[], env: Env, fr: FrameState): Labels | undefined {
    if (pos === 'all') return this.argvLabels(c.args, env, fr, undefined, argLabels);
    const expr = exprAt(pos, c);
    if (expr?.kind === 'collection') return this.argvLabels(expr.items, env, fr);
    // Variadic sinks list each position: read the call's arguments as one list, counting only this position.
    if (typeof pos === 'number' && all.length > 1) return this.argvLabels(c.args, env, fr, pos, argLabels);
    return undefined;
  }

  /** `known`: labels already computed for the elements (the call's own arguments), so they are not evaluated twice. */
  private argvLabels(seq: readonly FlowExpr[], env: Env, fr: FrameState, only?: number, known?: readonly Labels[]): Labels {
    let out: Labels = EMPTY;
    for (let i = 0; i < seq.length; i++) {
      const el = seq[i]!;
      // Everything after a literal `--` is an operand, never an option.
      if (el.kind === 'lit' && (el.value === '--' || el.value === '--end-of-options')) break;
      if (only !== undefined && i !== only) continue;
      if (el.kind === 'lit' || argvSafeElement(el, seq[i - 1])) continue;
      out = union(out, el.kind === 'collection' ? this.argvLabels(el.items, env, fr) : known?.[i] ?? this.eval(el, env, fr), this.budget.maxLabels);
    }
    return out;
  }

  private read(env: Env, ref: FlowRef, fr: FrameState): Labels {
    let out = this.readEnv(env, ref);
    // A name the function never bound may be a module-level variable of its file.
    const root = rootName(ref);
    if (fr.fn.name !== '<module>' && !env.has(root) && !fr.fn.params.some((p) => p.name === root)) {
      const globals = this.moduleEnv(fr.file);
      if (globals.size) out = union(out, this.readEnv(globals, ref), this.budget.maxLabels);
    }
    const cls = selfField(ref, fr.fn, this.index);
    if (cls) out = union(out, this.classFields.get(cls) ?? EMPTY, this.budget.maxLabels);
    return out;
  }

  /**
   * Runs a file's top-level code once and keeps the secondary-source taint its variables hold. Tool arguments never
   * reach module level, so only labels with a source are kept; sinks hit there are not handler flows and are dropped.
   */
  private moduleEnv(file: FileFlow): Env {
    const known = this.moduleEnvs.get(file.path);
    if (known) return known;
    const env: Env = new Map();
    // Registered before running, so top-level code reading its own globals sees what is known so far.
    this.moduleEnvs.set(file.path, env);
    const mod = file.functions[0];
    if (mod?.name === '<module>') {
      const fr = this.frame(mod, file, 0);
      this.moduleInstances.set(file.path, fr.instances);
      for (const stmt of mod.stmts) {
        this.execBlock([stmt], env, fr);
        // An object built around a secret (`OAuth2(id, secret)`, `httpx.Client(headers=…)`) holds it, but what its
        // methods return does not: keeping the taint would mark every API result as the secret.
        const built = stmt.kind === 'assign' || stmt.kind === 'destructure' ? constructed(stmt.value) : false;
        if (!built) continue;
        const targets = stmt.kind === 'assign' ? [stmt.target] : stmt.kind === 'destructure' ? stmt.targets.map((t) => t.target) : [];
        for (const t of targets) env.delete(refKey(t));
      }
    }
    for (const [k, v] of env) {
      const sourced = v.filter((l) => l.source);
      if (sourced.length) env.set(k, sourced);
      else env.delete(k);
    }
    return env;
  }

  private moduleInstanceClass(file: FileFlow, name: string): string | undefined {
    this.moduleEnv(file);
    return this.moduleInstances.get(file.path)?.get(name);
  }

  private readEnv(env: Env, ref: FlowRef): Labels {
    const key = refKey(ref);
    let out = env.get(key) ?? EMPTY;
    // A field or element of a tainted container is tainted; a container holding a tainted field is tainted.
    for (let base = parentRef(ref); base; base = parentRef(base)) out = union(out, env.get(refKey(base)) ?? EMPTY, this.budget.maxLabels);
    if (ref.kind === 'var' || ref.kind === 'field') {
      const prefix = `${key}.`;
      for (const [k, v] of env) if (k.startsWith(prefix) || k.startsWith(`${key}[`)) out = union(out, v, this.budget.maxLabels);
    }
    return out;
  }

  private write(env: Env, target: FlowRef, v: Labels, fr: FrameState, at: Location): void {
    const key = refKey(target);
    const stepped = v.map((l) => addStep(l, at, `assigned to ${key}`, this.budget.maxSteps));
    if (target.kind === 'var') env.set(key, stepped);
    else env.set(key, union(env.get(key) ?? EMPTY, stepped, this.budget.maxLabels));
    const cls = selfField(target, fr.fn, this.index);
    if (cls) {
      this.storeField(cls, stepped);
      for (const l of stepped) if (l.param !== undefined) fr.fieldWrites.push({ key: cls, label: l });
    }
  }

  /** Taint stored in a class field is visible to every method of the class (instances are not told apart). */
  private storeField(key: string, labels: Labels): void {
    const sourced = labels.filter((l) => l.source);
    if (sourced.length) this.classFields.set(key, union(this.classFields.get(key) ?? EMPTY, sourced, this.budget.maxLabels));
  }

  // --------------------------------------------------------------------------------------------------- calls

  private call(c: FlowCall, env: Env, fr: FrameState): Labels {
    const seeded = fr.seedCalls?.get(locKey(c.location));
    const argLabels = c.args.map((a) => this.eval(a, env, fr));
    const kwLabels = new Map(Object.entries(c.kwargs).map(([k, v]) => [k, this.eval(v, env, fr)]));
    const recv = c.receiver ? this.eval(c.receiver, env, fr) : EMPTY;
    if (c.callee.startsWith('<')) return EMPTY;
    const at = (pos: ArgPosition): Labels => pick(pos, argLabels, kwLabels, recv, this.budget.maxLabels);
    const t = specsFor(fr.table, c.callee);

    for (const sink of t.sinks) {
      if (sink.when) {
        const v = optionOf(c, sink.when.kwarg);
        if (!v || v.kind !== 'lit' || !sink.when.values.includes(litText(v))) continue;
      }
      if (sink.unless) {
        const v = optionOf(c, sink.unless.kwarg);
        if (v && v.kind === 'lit' && sink.unless.values.includes(litText(v))) continue;
      }
      const api = apiName(sink.label, c.callee);
      if (!fr.effects.has(sink.kind)) fr.effects.set(sink.kind, { api, location: c.location });
      for (const pos of sink.args) {
        const labels = sink.kind === 'argv' ? this.argvAt(pos, sink.args, c, argLabels, env, fr) ?? at(pos) : at(pos);
        for (const l of labels) this.hit(fr, { label: l, kind: sink.kind, api, location: c.location, context: l.context, prefix: l.prefix });
      }
    }

    let result: Labels | undefined;
    for (const san of t.sanitizers) {
      const v = at(san.arg ?? (c.receiver ? 'receiver' : 0));
      const marks = san.marks;
      result = v.map((l) => ({ ...l, sanitized: addKinds(l.sanitized, san.kinds), ...(marks?.length ? { marks: [...new Set([...(l.marks ?? []), ...marks])].sort() } : {}) }));
      break;
    }
    if (!result) {
      for (const norm of t.pathNormalizers) {
        const v = at(norm.arg ?? (c.receiver ? 'receiver' : 0));
        result = v.map((l) => ({ ...l, path: norm.effect === 'resolves' ? 'resolved' : l.path === 'resolved' ? 'resolved' : 'normalized' }));
        break;
      }
    }
    for (const src of t.sources) {
      const label = this.sourceLabel({ kind: src.kind, description: sourceDescription(src.kind, apiName(src.label, c.callee), c), location: c.location });
      if (src.into === undefined || src.into === 'return') result = union(result ?? EMPTY, [label], this.budget.maxLabels);
    }
    if (seeded) result = union(result ?? EMPTY, [this.sourceLabel(seeded)], this.budget.maxLabels);
    if (result) return result;

    const targets = this.index.resolve(fr.fn, c);
    // A function nested in this one reads its variables: run it here, like a callback, rather than as a summary.
    if (targets.length > 0 && targets[0]!.parent === fr.fn.id && !targets[0]!.className) return this.runCallback({ kind: 'func', fnId: targets[0]!.id }, argLabels, env, fr);
    if (targets.length > 0) return this.applySummary(targets[0]!, c, argLabels, kwLabels, recv, fr);
    // A method called on an instance of a project class (`runner.run()` after `runner = new Runner(cmd)`).
    if (c.receiver?.kind === 'ref' && c.receiver.ref.kind === 'var' && c.callee.startsWith('.')) {
      const name = c.receiver.ref.name;
      const cls = fr.instances.get(name) ?? (env.has(name) ? undefined : this.moduleInstanceClass(fr.file, name));
      const method = cls ? this.index.resolveMethod(fr.fn, cls, c.callee.slice(1)) : undefined;
      if (method) return this.applySummary(method, c, argLabels, kwLabels, recv, fr);
    }

    for (const p of t.propagators) {
      let out: Labels = EMPTY;
      if (p.passes) for (const pos of p.passes) out = union(out, at(pos), this.budget.maxLabels);
      if (p.callback) out = union(out, this.runCallback(c.args[p.callback.arg], p.callback.receives.map(at), env, fr), this.budget.maxLabels);
      return out;
    }
    // Unknown call: whatever goes in may come out; function values passed in run with the other arguments.
    let out: Labels = recv;
    for (const a of argLabels) out = union(out, a, this.budget.maxLabels);
    for (const v of kwLabels.values()) out = union(out, v, this.budget.maxLabels);
    for (const a of c.args) if (a.kind === 'func') out = union(out, this.runCallback(a, [out], env, fr), this.budget.maxLabels);
    return out;
  }

  /**
   * Records a sink hit. When the value is unsanitised but the same origin was checked through another variable in
   * this function, the hit carries a `checked-other-variable` note: the check guarded a copy, not what is used.
   */
  private hit(fr: FrameState, h: SinkHit): void {
    if (!brokenFor(h.label, h.kind) && !isSanitized(h.label, h.kind)) {
      const key = originKey(h.label);
      const g = fr.guarded.find((x) => x.originKey === key && coversKind(x.kinds, h.kind));
      if (g) h = { ...h, label: withBroken(h.label, { kind: 'checked-other-variable', location: g.location, detail: `${g.ref} is checked at line ${g.location.startLine}, but a different variable holding the same value is used here` }, 'all') };
    }
    fr.hits.push(h);
  }

  /** Runs a function value passed as a callback with `params` bound to its parameters in order; returns its result. */
  private runCallback(fnExpr: FlowExpr | undefined, params: Labels[], env: Env, fr: FrameState): Labels {
    if (!fnExpr || fnExpr.kind !== 'func') return EMPTY;
    const fn = this.index.functions.get(fnExpr.fnId);
    if (!fn || fr.depth >= this.budget.maxDepth) return EMPTY;
    const file = this.index.fileOf.get(fn.id)!;
    // A callback sees the enclosing function's variables (closure), then its own parameters.
    const inner: Env = new Map(env);
    fn.params.forEach((p, i) => bindParam(inner, p, params[i] ?? EMPTY));
    const sub: FrameState = { ...this.frame(fn, file, fr.depth + 1), seedCalls: fr.seedCalls };
    this.execBlock(fn.stmts, inner, sub);
    fr.hits.push(...sub.hits);
    for (const [kind, ex] of sub.effects) if (!fr.effects.has(kind)) fr.effects.set(kind, ex);
    // What the callback stored in the enclosing function's variables (`proc.stdout.on("data", (c) => (out += c))`)
    // is there after the call: it may have run.
    const own = new Set(fn.params.flatMap((p) => [p.name, ...(p.destructured ?? []).map((d) => d.name)]));
    for (const [key, v] of inner) {
      const root = key.split(/[.[]/, 1)[0]!;
      if (own.has(root) || !env.has(root) || v === env.get(key)) continue;
      env.set(key, union(env.get(key) ?? EMPTY, v, this.budget.maxLabels));
    }
    return sub.returns;
  }

  private applySummary(fn: FlowFunction, c: FlowCall, args: Labels[], kw: Map<string, Labels>, recv: Labels, fr: FrameState): Labels {
    const summary = this.summaryOf(fn, fr.depth + 1);
    const bound = fn.params.map((p, i) => (p.rest ? union(args.slice(i).flat(), kw.get(p.name) ?? EMPTY, this.budget.maxLabels) : union(args[i] ?? EMPTY, kw.get(p.name) ?? EMPTY, this.budget.maxLabels)));
    const through = { name: fn.qualified, location: fn.location };
    const map = (l: Label): Labels => {
      if (l.param === undefined) return [l];
      const actual = bound[l.param] ?? EMPTY;
      return actual.map((a) => ({
        ...a,
        sanitized: mergeSanitized(a.sanitized, l.sanitized),
        steps: capSteps([...a.steps, { location: c.location, label: `passed to ${fn.qualified}` }, ...l.steps], this.budget.maxSteps),
        via: [through, ...a.via, ...l.via].slice(0, 12),
        path: l.path === 'raw' ? a.path : l.path,
        context: l.context ?? a.context,
        ...(l.marks?.length || a.marks?.length ? { marks: [...new Set([...(a.marks ?? []), ...(l.marks ?? [])])].sort() } : {}),
        ...(l.prefix !== undefined || a.prefix !== undefined ? { prefix: l.prefix ?? a.prefix } : {}),
        ...(l.broken || a.broken ? { broken: [...(l.broken ?? []), ...(a.broken ?? [])] } : {}),
      }));
    };
    for (const hit of summary.sinks) for (const l of map(hit.label)) fr.hits.push({ ...hit, label: l });
    for (const [kind, ex] of summary.effects) if (!fr.effects.has(kind)) fr.effects.set(kind, ex);
    for (const w of summary.fields) {
      const mapped = map(w.label);
      this.storeField(w.key, mapped);
      for (const l of mapped) if (l.param !== undefined) fr.fieldWrites.push({ key: w.key, label: l });
    }
    let out: Labels = EMPTY;
    for (const r of summary.returns) out = union(out, map(r), this.budget.maxLabels);
    // Methods called on a tainted object may return it (builders, wrappers) even when the summary cannot tell.
    if (recv.length && fn.className) out = union(out, recv, this.budget.maxLabels);
    // A new instance holds what its constructor was given.
    if (fn.name === '__init__' || fn.name === 'constructor') for (const a of args) out = union(out, a, this.budget.maxLabels);
    return out;
  }

  private summaryOf(fn: FlowFunction, depth: number): Summary {
    const done = this.summaries.get(fn.id);
    if (done) return done;
    if (this.inProgress.has(fn.id) || depth > this.budget.maxDepth) return { returns: [], sinks: [], fields: [], effects: new Map() };
    this.inProgress.add(fn.id);
    const file = this.index.fileOf.get(fn.id)!;
    const env: Env = new Map();
    fn.params.forEach((p, i) => bindParam(env, p, [{ param: i, sanitized: [], steps: [], via: [], path: 'raw' }]));
    const fr = this.frame(fn, file, depth);
    this.execBlock(fn.stmts, env, fr);
    // Secondary sources found inside (a helper fetching a URL and logging it) are complete flows already.
    for (const hit of fr.hits) if (hit.label.source) this.record(hit);
    const summary: Summary = {
      returns: dedupe(fr.returns, this.budget.maxLabels * 2),
      sinks: fr.hits.filter((h) => h.label.param !== undefined),
      fields: fr.fieldWrites,
      effects: fr.effects,
    };
    this.inProgress.delete(fn.id);
    this.summaries.set(fn.id, summary);
    return summary;
  }

  // -------------------------------------------------------------------------------------------------- guards

  private guardEffect(test: FlowExpr, env: Env, fr: FrameState): { whenTrue: Effect[]; whenFalse: Effect[] } {
    if (test.kind !== 'call') return { whenTrue: [], whenFalse: [] };
    const c = test.call;
    switch (c.callee) {
      case '<not>': {
        const inner = c.args[0] ? this.guardEffect(c.args[0], env, fr) : { whenTrue: [], whenFalse: [] };
        return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
      }
      case '<and>': {
        const parts = c.args.map((a) => this.guardEffect(a, env, fr));
        return { whenTrue: parts.flatMap((p) => p.whenTrue), whenFalse: [] };
      }
      case '<or>': {
        const parts = c.args.map((a) => this.guardEffect(a, env, fr));
        return { whenTrue: [], whenFalse: parts.flatMap((p) => p.whenFalse) };
      }
      case '<in>':
      case '<eq>': {
        const checked = c.args[0];
        const other = c.args[1];
        if (!checked || checked.kind !== 'ref' || !other || isNullish(other) || !isConstantish(other, env, fr, this)) return { whenTrue: [], whenFalse: [] };
        return { whenTrue: [{ ref: checked.ref, kinds: 'all' }], whenFalse: [] };
      }
      case '<not-in>':
      case '<ne>': {
        const checked = c.args[0];
        const other = c.args[1];
        if (!checked || checked.kind !== 'ref' || !other || isNullish(other) || !isConstantish(other, env, fr, this)) return { whenTrue: [], whenFalse: [] };
        return { whenTrue: [], whenFalse: [{ ref: checked.ref, kinds: 'all' }] };
      }
      default:
        break;
    }
    for (const g of fr.table.guards) {
      if (!calleeMatches(g.callee, c.callee)) continue;
      const checked = exprAt(g.checks, c);
      const ref = checked ? refOf(checked) : undefined;
      if (!ref) continue;
      if (g.quality === 'sound') return { whenTrue: [{ ref, kinds: g.kinds }], whenFalse: [] };
      const prefix = g.prefixArg !== undefined ? exprAt(g.prefixArg, c) : undefined;
      // `if x.startswith("-"): refuse`: once it is false, the value cannot be read as an option.
      const text = prefix ? literalText(prefix) : undefined;
      if (text === '-' || text === '--') return { whenTrue: [], whenFalse: [{ ref, kinds: ['argv'] }] };
      const contained = this.relativeContainment(ref, prefix, c, env, fr);
      if (contained) return { whenTrue: [], whenFalse: [contained] };
      const kinds = g.kinds === 'all' ? SINK_KINDS : g.kinds;
      const whenTrue: Effect[] = [];
      const fileKinds = kinds.filter((k) => k.startsWith('file-'));
      if (fileKinds.length) {
        const state = this.pathStateOf(this.read(env, ref, fr));
        const withSep = prefix ? endsWithSeparator(prefix, fr.table.separatorNames, env) : false;
        let broken: BrokenSanitizer | undefined;
        if (!withSep) broken = { kind: 'prefix-without-separator', location: c.location, detail: `${c.callee} checks a prefix that does not end with a path separator, so a sibling such as "<allowed>_evil" passes` };
        else if (state === 'raw') broken = { kind: 'prefix-on-unresolved-path', location: c.location, detail: `${c.callee} checks a path that was never resolved, so "../" segments pass the prefix check` };
        else if (state === 'normalized') broken = { kind: 'normalize-without-realpath', location: c.location, detail: `${c.callee} checks a normalised path whose symbolic links were not resolved, so a link inside the folder escapes it` };
        whenTrue.push({ ref, kinds: fileKinds, broken });
      }
      // A URL prefix pins the host only when it runs past the host: "https://api.example.com/" does,
      // "https://api.example.com" admits "https://api.example.com.evil.net".
      const urlKinds = kinds.filter((k) => k === 'url' || k === 'redirect');
      if (urlKinds.length) {
        const pinned = text !== undefined && /^[a-z][a-z0-9+.-]*:\/\/[^/?#\s]+[/?#]/i.test(text);
        const broken: BrokenSanitizer | undefined = pinned
          ? undefined
          : { kind: 'url-prefix-without-path', location: c.location, detail: `${c.callee} checks a URL prefix that does not end the host with "/", so a host such as "<allowed>.evil.net" passes` };
        whenTrue.push({ ref, kinds: urlKinds, broken });
      }
      return { whenTrue, whenFalse: [] };
    }
    return { whenTrue: [], whenFalse: [] };
  }

  /** Remembers (or forgets) that a variable holds a path relative to a base, for containment checks on it. */
  private noteRelative(name: string, value: FlowExpr, fr: FrameState): void {
    fr.relatives.delete(name);
    if (value.kind !== 'call') return;
    const spec = fr.table.relativizers.find((r) => calleeMatches(r.callee, value.call.callee));
    const target = spec ? exprAt(spec.target, value.call) : undefined;
    const ref = target ? refOf(target) : undefined;
    if (ref) fr.relatives.set(name, ref);
  }

  /**
   * `rel.startsWith("..")` on a relative path (`rel = path.relative(root, target)`): when it does not hold, `target`
   * lies inside `root`. Sound when `target` had its symbolic links resolved; otherwise a link inside escapes.
   */
  private relativeContainment(ref: FlowRef, prefix: FlowExpr | undefined, c: FlowCall, env: Env, fr: FrameState): Effect | undefined {
    const target = ref.kind === 'var' ? fr.relatives.get(ref.name) : undefined;
    const first = prefix?.kind === 'concat' ? prefix.parts[0] : prefix;
    if (!target || first?.kind !== 'lit' || !(first.value ?? '').startsWith('..')) return undefined;
    const resolved = this.pathStateOf(this.read(env, target, fr)) === 'resolved';
    const broken: BrokenSanitizer | undefined = resolved
      ? undefined
      : { kind: 'normalize-without-realpath', location: c.location, detail: `${c.callee} checks a path made relative without resolving symbolic links, so a link inside the folder escapes it` };
    return { ref: target, kinds: FILE_SINK_KINDS, ...(broken ? { broken } : {}) };
  }

  private pathStateOf(labels: Labels): PathState {
    if (labels.length === 0) return 'resolved';
    if (labels.every((l) => l.path === 'resolved')) return 'resolved';
    if (labels.every((l) => l.path !== 'raw')) return 'normalized';
    return 'raw';
  }

  private applyEffects(env: Env, effects: Effect[], fr: FrameState, at: Location): Env {
    for (const ef of effects) {
      const key = refKey(ef.ref);
      const current = this.read(env, ef.ref, fr);
      if (!current.length) continue;
      // Validating after use: this check covers values that already reached a sink earlier in the function.
      if (!ef.broken) {
        for (const hit of fr.hits) {
          if (!current.some((l) => sameOrigin(l, hit.label)) || isSanitized(hit.label, hit.kind) || !coversKind(ef.kinds, hit.kind)) continue;
          if (before(hit.location, at) && !brokenFor(hit.label, hit.kind)) {
            hit.label = withBroken(hit.label, { kind: 'validated-after-use', location: at, detail: `the value is checked at line ${at.startLine}, after it was already used at line ${hit.location.startLine}` }, 'all');
          }
        }
      }
      const updated = current.map((l) => (ef.broken ? withBroken(l, ef.broken, ef.kinds) : { ...l, sanitized: addKinds(l.sanitized, ef.kinds) }));
      env.set(key, updated);
      // Fields read through this variable now read the cleaned value.
      for (const k of [...env.keys()]) if (k.startsWith(`${key}.`) || k.startsWith(`${key}[`)) env.delete(k);
      if (!ef.broken) for (const l of current) fr.guarded.push({ originKey: originKey(l), ref: key, kinds: ef.kinds, location: at });
    }
    return env;
  }

  /** Called for the rules: whether a value is a known constant (literal, collection of literals, or a constant name). */
  isConstant(e: FlowExpr, env: Env, fr: FrameState): boolean {
    return this.eval(e, env, fr).length === 0;
  }
}

interface Effect {
  ref: FlowRef;
  kinds: readonly SinkKind[] | 'all';
  broken?: BrokenSanitizer;
}

/** `x == None`, `err != nil`, `v === undefined`: a null check, not a validation. */
function isNullish(e: FlowExpr): boolean {
  return e.kind === 'lit' && (e.value === undefined || /^(nil|None|null|undefined|true|false|True|False|)$/.test(e.value));
}

function isConstantish(e: FlowExpr, env: Env, fr: FrameState, solver: Solver): boolean {
  return solver.isConstant(e, env, fr);
}

// ----------------------------------------------------------------------------------------------------- helpers

/** The specs of a table that match one callee, in table order. */
type MatchedSpecs = { [K in 'sinks' | 'sanitizers' | 'pathNormalizers' | 'sources' | 'propagators']: ConceptTable[K] };

const specCache = new WeakMap<ConceptTable, Map<string, MatchedSpecs>>();

/**
 * Matching a callee against every pattern of a table costs a regex test per spec; the same callee names recur all
 * over a program, so the matches are computed once per table and callee.
 */
function specsFor(table: ConceptTable, callee: string): MatchedSpecs {
  let byCallee = specCache.get(table);
  if (!byCallee) specCache.set(table, (byCallee = new Map()));
  let m = byCallee.get(callee);
  if (!m) {
    const match = <T extends { callee: string | RegExp }>(specs: readonly T[]) => specs.filter((x) => calleeMatches(x.callee, callee));
    m = { sinks: match(table.sinks), sanitizers: match(table.sanitizers), pathNormalizers: match(table.pathNormalizers), sources: match(table.sources), propagators: match(table.propagators) };
    byCallee.set(callee, m);
  }
  return m;
}

/** A constructor call, or a call of a factory that builds a client object (`google.drive(...)`, `createClient(...)`). */
function constructed(e: FlowExpr): boolean {
  if (e.kind !== 'call') return false;
  const last = e.call.callee.slice(e.call.callee.lastIndexOf('.') + 1);
  return e.call.isNew === true || /^[A-Z]/.test(last) || /^(create|make|new|build|init)[A-Z_]|[cC]lient$/.test(last) || e.call.kwargs.auth !== undefined || hasAuthOption(e.call);
}

/** An options object passed to a factory that names credentials (`{ auth }`, `{ apiKey }`, `{ headers }`). */
function hasAuthOption(c: FlowCall): boolean {
  return c.args.some((a) => a.kind === 'collection' && (a.keys ?? []).some((k) => k !== undefined && /^(auth|apiKey|api_key|token|credentials|headers)$/i.test(k)));
}

function rootName(r: FlowRef): string {
  return r.kind === 'var' ? r.name : rootName(r.base);
}

function refKey(r: FlowRef): string {
  switch (r.kind) {
    case 'var':
      return r.name;
    case 'field':
      return `${refKey(r.base)}.${r.name}`;
    case 'index':
      return `${refKey(r.base)}[]`;
  }
}

function parentRef(r: FlowRef): FlowRef | undefined {
  return r.kind === 'var' ? undefined : r.base;
}

function refOf(e: FlowExpr): FlowRef | undefined {
  if (e.kind === 'ref') return e.ref;
  // `str(p).startswith(...)`, `path.resolve(p).startsWith(...)`: the checked value is the wrapped variable.
  if (e.kind === 'call' && e.call.args.length === 1 && e.call.args[0]!.kind === 'ref' && !e.call.receiver) return e.call.args[0].ref;
  if (e.kind === 'call' && e.call.receiver && e.call.args.length === 0) return refOf(e.call.receiver);
  return undefined;
}

/** `self.x` in a method → the class-wide key for that field. */
function selfField(r: FlowRef, fn: FlowFunction, index: ProgramIndex): string | undefined {
  if (r.kind !== 'field' || r.base.kind !== 'var' || r.base.name !== 'self') return undefined;
  let cls: string | undefined;
  for (let cur: FlowFunction | undefined = fn; cur && !cls; cur = cur.parent ? index.functions.get(cur.parent) : undefined) cls = cur.className;
  if (!cls) return undefined;
  const file = index.fileOf.get(fn.id);
  return `${file?.path ?? ''}::${cls}.${r.name}`;
}

function bindParam(env: Env, p: FlowFunction['params'][number], v: Labels): void {
  env.set(p.name, v);
  for (const d of p.destructured ?? []) env.set(d.name, v);
}

function addTo(env: Env, name: string, v: Labels): void {
  env.set(name, [...(env.get(name) ?? EMPTY), ...v]);
}

function pick(pos: ArgPosition, args: Labels[], kw: Map<string, Labels>, recv: Labels, max: number): Labels {
  if (pos === 'receiver') return recv;
  if (pos === 'all') {
    let out: Labels = EMPTY;
    for (const a of args) out = union(out, a, max);
    for (const v of kw.values()) out = union(out, v, max);
    return out;
  }
  if (typeof pos === 'number') return args[pos] ?? EMPTY;
  if ('kwarg' in pos) return kw.get(pos.kwarg) ?? EMPTY;
  return kw.get(pos.kwargOrIndex[0]) ?? args[pos.kwargOrIndex[1]] ?? EMPTY;
}

function exprAt(pos: ArgPosition, c: FlowCall): FlowExpr | undefined {
  if (pos === 'receiver') return c.receiver;
  if (pos === 'all') return c.args[0];
  if (typeof pos === 'number') return c.args[pos];
  if ('kwarg' in pos) return c.kwargs[pos.kwarg];
  return c.kwargs[pos.kwargOrIndex[0]] ?? c.args[pos.kwargOrIndex[1]];
}

const FILE_SINK_KINDS: readonly SinkKind[] = ['file-read', 'file-write', 'file-delete'];

/** Options whose next argument is their value, whatever it starts with (`grep -e -x` searches for "-x"). */
const OPTIONS_TAKING_VALUE = new Set(['-e', '--regexp', '-m', '--message']);

/**
 * An argv element that cannot be read as an option: the value of a value-taking option, or text glued behind a
 * literal (`--out=${x}` keeps `x` inside the option; `refs/${x}` cannot start with a dash). A bare `-` or `--`
 * before the value (`"--" + name`) lets the caller name the option, so it does not count.
 */
function argvSafeElement(el: FlowExpr, prev: FlowExpr | undefined): boolean {
  if (prev?.kind === 'lit' && OPTIONS_TAKING_VALUE.has(prev.value ?? '')) return true;
  if (el.kind !== 'concat') return false;
  const first = el.parts[0];
  return first?.kind === 'lit' && (first.value ?? '') !== '' && !/^-+$/.test(first.value ?? '');
}

/** A keyword argument, or with `#n` the n-th positional argument (Go and JS have no keywords: `exec.Command("sh", …)`). */
function optionOf(c: FlowCall, name: string): FlowExpr | undefined {
  if (name.startsWith('#')) return c.args[Number(name.slice(1))];
  return c.kwargs[name];
}

function litText(e: FlowExpr): string {
  return e.kind === 'lit' ? e.value ?? '' : '';
}

/** A prefix that ends with `/`, `\`, or a separator constant (`base + os.sep`, `` `${root}${path.sep}` ``). */
/**
 * The API name shown in messages. A table label names a family (`fs.unlink` for unlink/rm/remove…); when it is a
 * plain dotted name and the call used another member, that member is shown (`fs.rmSync`, `child_process.execSync`,
 * `setTimeout`), so the message names what the code calls. Descriptive labels (`child_process.spawn(args)`) stay.
 */
function apiName(label: string | undefined, callee: string): string {
  if (!label) return callee;
  if (!/^[\w$]+(?:\.[\w$]+)*$/.test(label)) return label;
  const member = callee.slice(callee.lastIndexOf('.') + 1);
  if (!/^[\w$]+$/.test(member)) return label;
  const dot = label.lastIndexOf('.');
  const own = label.slice(dot + 1);
  if (own === member) return label;
  // A one-word label (`glob`, `eval`) names no module to keep: the callee says more (`fast-glob.sync`, `setTimeout`).
  return dot >= 0 ? `${label.slice(0, dot)}.${member}` : callee;
}

/** How a secondary source reads in messages; environment reads name their key (`environment variable "API_KEY"`). */
function sourceDescription(kind: string, api: string, c: FlowCall): string {
  if (kind === 'env-secret') {
    const key = c.args[0] ? literalText(c.args[0]) : undefined;
    if (key) return `environment variable "${key}" (${api})`;
  }
  return `${api} result`;
}

/** The text of a literal, or of a concatenation of literals; undefined when any part is not literal. */
function literalText(e: FlowExpr): string | undefined {
  if (e.kind === 'lit') return e.value ?? '';
  if (e.kind !== 'concat') return undefined;
  let out = '';
  for (const p of e.parts) {
    if (p.kind !== 'lit') return undefined;
    out += p.value ?? '';
  }
  return out;
}

function endsWithSeparator(e: FlowExpr, separatorNames: readonly string[], env: Env): boolean {
  if (e.kind === 'lit') return /[\\/]$/.test(e.value ?? '');
  if (e.kind === 'concat') {
    const last = e.parts[e.parts.length - 1];
    return last ? endsWithSeparator(last, separatorNames, env) : false;
  }
  if (e.kind === 'ref') return separatorNames.includes(refKey(e.ref));
  if (e.kind === 'call') return separatorNames.includes(e.call.callee) || (e.call.args.length > 0 && e.call.callee.endsWith('join') && endsWithSeparator(e.call.args[e.call.args.length - 1]!, separatorNames, env));
  return false;
}

/** The first broken check recorded on a label for this sink kind. */
function brokenFor(l: Label, kind: SinkKind): BrokenSanitizer | undefined {
  return l.broken?.find((b) => coversKind(b.kinds, kind))?.note;
}

function withBroken(l: Label, note: BrokenSanitizer, kinds: readonly SinkKind[] | 'all'): Label {
  // Loops run their body twice: the same check must not be noted twice.
  if (l.broken?.some((b) => b.note.kind === note.kind && locKey(b.note.location) === locKey(note.location))) return l;
  return { ...l, broken: [...(l.broken ?? []), { note, kinds }] };
}

function isSanitized(l: Label, kind: SinkKind): boolean {
  return l.sanitized === 'all' || l.sanitized.includes(kind);
}

function coversKind(kinds: readonly SinkKind[] | 'all', kind: SinkKind): boolean {
  return kinds === 'all' || kinds.includes(kind);
}

function addKinds(a: readonly SinkKind[] | 'all', b: readonly SinkKind[] | 'all'): readonly SinkKind[] | 'all' {
  if (a === 'all' || b === 'all') return 'all';
  return [...new Set([...a, ...b])].sort();
}

/** Sanitisation on the way through a function adds to what the caller's value already had. */
function mergeSanitized(outer: readonly SinkKind[] | 'all', inner: readonly SinkKind[] | 'all'): readonly SinkKind[] | 'all' {
  return addKinds(outer, inner);
}

function originKey(l: Label): string {
  return l.source ? `s:${locKey(l.source.location)}:${l.source.description}` : `p:${l.param}`;
}

function sameOrigin(a: Label, b: Label): boolean {
  return originKey(a) === originKey(b);
}

function labelKey(l: Label): string {
  const s = l.sanitized === 'all' ? 'all' : l.sanitized.join(',');
  return `${originKey(l)}|${s}|${l.path}|${(l.broken ?? []).map((b) => b.note.kind).join(',')}|${l.context ?? ''}|${(l.marks ?? []).join(',')}`;
}

function union(a: Labels, b: Labels, max: number): Labels {
  if (!b.length) return a;
  if (!a.length) return b.length > max ? b.slice(0, max) : b;
  const seen = new Set(a.map(labelKey));
  const out = [...a];
  for (const l of b) {
    if (out.length >= max) break;
    const k = labelKey(l);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(l);
    }
  }
  return out;
}

function dedupe(ls: Label[], max: number): Label[] {
  return [...union(EMPTY, ls, max)];
}

function joinEnv(a: Env, b: Env, max: number): Env {
  const out: Env = new Map(a);
  for (const [k, v] of b) out.set(k, union(out.get(k) ?? EMPTY, v, max));
  return out;
}

function addStep(l: Label, at: Location, label: string, max: number): Label {
  const last = l.steps[l.steps.length - 1];
  if (last && last.location.startLine === at.startLine && last.location.path === at.path) return l;
  return { ...l, steps: capSteps([...l.steps, { location: at, label }], max) };
}

/** Long traces keep their first and last steps. */
function capSteps(steps: TraceStep[], max: number): TraceStep[] {
  if (steps.length <= max) return steps;
  const head = Math.ceil(max / 2);
  return [...steps.slice(0, head), ...steps.slice(steps.length - (max - head))];
}

function locKey(l: Location): string {
  return `${l.path}:${l.startLine}:${l.startColumn}`;
}

function before(a: Location, b: Location): boolean {
  return a.startLine < b.startLine || (a.startLine === b.startLine && a.startColumn < b.startColumn);
}

/** The innermost function of a file whose span contains the location (handlers are looked up this way). */
function innermostContaining(file: FileFlow, at: Location): FlowFunction | undefined {
  let best: FlowFunction | undefined;
  for (const fn of file.functions) {
    const l = fn.location;
    const starts = l.startLine < at.startLine || (l.startLine === at.startLine && l.startColumn <= at.startColumn);
    const ends = l.endLine > at.startLine || (l.endLine === at.startLine && l.endColumn >= at.startColumn);
    if (!starts || !ends) continue;
    if (!best || fn.location.startLine > best.location.startLine || (fn.location.startLine === best.location.startLine && fn.location.startColumn >= best.location.startColumn)) best = fn;
  }
  return best;
}

function compareFlows(a: TaintFlow, b: TaintFlow): number {
  const ka = `${a.sink.location.path}\0${String(a.sink.location.startLine).padStart(8, '0')}\0${String(a.sink.location.startColumn).padStart(6, '0')}\0${a.sink.kind}\0${a.source.description}\0${locKey(a.source.location)}`;
  const kb = `${b.sink.location.path}\0${String(b.sink.location.startLine).padStart(8, '0')}\0${String(b.sink.location.startColumn).padStart(6, '0')}\0${b.sink.kind}\0${b.source.description}\0${locKey(b.source.location)}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
