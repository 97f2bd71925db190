// The project config file (`.mcpvet.json`): rules on/off, severity overrides, rule options, path excludes.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SEVERITIES } from '../model/severity.js';

export const CONFIG_FILE_NAMES = ['.mcpvet.json', 'mcpvet.config.json'];

const ruleSetting = z.union([
  z.enum(['off', 'on']),
  z
    .object({
      enabled: z.boolean().optional(),
      severity: z.enum(SEVERITIES).optional(),
      options: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
]);

export const projectConfigSchema = z
  .object({
    $schema: z.string().optional(),
    /** Keyed by rule id, slug or alias. */
    rules: z.record(z.string(), ruleSetting).optional(),
    /** gitignore-style patterns, relative to the scanned root. */
    exclude: z.array(z.string()).optional(),
    failOn: z.enum([...SEVERITIES, 'none']).optional(),
    mode: z.enum(['fast', 'deep']).optional(),
    baseline: z.string().optional(),
  })
  .strict();

export type ProjectConfig = z.infer<typeof projectConfigSchema>;

export class ConfigError extends Error {}

/** Reads and validates a config file; JSON with `//` and `/* *\/` comments is accepted. */
export async function readProjectConfig(file: string): Promise<ProjectConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(stripJsonComments(text));
  } catch (e) {
    throw new ConfigError(`config ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = projectConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new ConfigError(`config ${file} is invalid: ${issues}`);
  }
  return parsed.data;
}

/** The config file in `root`, if any. */
export async function findProjectConfig(root: string): Promise<string | undefined> {
  for (const name of CONFIG_FILE_NAMES) {
    const p = path.join(root, name);
    try {
      await readFile(p);
      return p;
    } catch {
      // not there
    }
  }
  return undefined;
}

/** Removes comments outside strings, so JSONC config files parse. */
export function stripJsonComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  return out;
}
