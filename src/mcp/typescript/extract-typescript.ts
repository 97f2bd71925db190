// Extracts the MCP inventory of one TypeScript file (placeholder until the extractor lands).
import type { FileInventory } from '../../model/inventory.js';
import type { ExtractInput } from '../extract-file.js';

export function extractTypeScript(_input: ExtractInput): FileInventory | undefined {
  return undefined;
}
