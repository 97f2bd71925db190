// Dispatches a parsed file to its language's MCP extractor; returns undefined when the file declares nothing MCP-related.
import type { Tree } from 'web-tree-sitter';
import type { FileInventory } from '../model/inventory.js';
import type { CodeLanguage } from '../model/language.js';
import type { ImportMap } from '../parse/imports.js';
import type { Assignments } from '../parse/static-value.js';
import type { CallSite } from '../parse/call-sites.js';
import { extractGo } from './go/extract-go.js';
import { extractPython } from './python/extract-python.js';
import { extractTypeScript } from './typescript/extract-typescript.js';

export interface ExtractInput {
  path: string;
  language: CodeLanguage;
  tree: Tree;
  text: string;
  /** Shared, lazily computed file facts (the same ones rules see). */
  imports(): ImportMap;
  assignments(): Assignments;
  calls(): readonly CallSite[];
}

export function extractFileInventory(input: ExtractInput): FileInventory | undefined {
  const inv = input.language === 'python' ? extractPython(input) : input.language === 'go' ? extractGo(input) : extractTypeScript(input);
  if (!inv) return undefined;
  const empty =
    inv.sdkImports.length === 0 &&
    inv.servers.length === 0 &&
    inv.orphans.length === 0 &&
    inv.auth.length === 0 &&
    inv.metadataRoutes.length === 0 &&
    inv.transports.length === 0;
  return empty ? undefined : inv;
}

export function emptyFileInventory(path: string, language: FileInventory['language']): FileInventory {
  return { path, language, sdkImports: [], servers: [], orphans: [], auth: [], metadataRoutes: [], transports: [] };
}
