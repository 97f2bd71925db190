// Public library entry: `import { scan, builtinRules, render } from 'mcpvet'`.
export { scan, DEFAULT_LIMITS, ScanInputError, type ScanOptions, type ScanLimits } from './engine/scan.js';
export { builtinRules, builtinEntries, findRule, findRules } from './rules/index.js';
export { render, FORMATS, type Format } from './report/render.js';
export { computeScore } from './engine/score.js';
export { parseTarget, TargetSpecError, type Target } from './targets/parse-target.js';
export { acquire, type Acquired, type AcquireOptions } from './targets/acquire.js';
export { scanLive } from './probe/scan-live.js';
export { probe, type ProbeTarget, type ProbeOptions, type ProbeResult } from './probe/probe.js';
export type { ScanResult, ScanError, SkippedFile, ScanStats, Score } from './model/scan-result.js';
export type { Finding, TraceStep } from './model/finding.js';
export type { Inventory, ServerDef, ToolDef } from './model/inventory.js';
export type { RuleMeta } from './model/rule-meta.js';
export type { Rule, RawFinding, FileContext, ProjectContext } from './rule/rule.js';
export { defineRule } from './rule/rule.js';
