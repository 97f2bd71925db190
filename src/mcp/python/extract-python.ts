// Extracts the MCP inventory of one Python file (placeholder until the extractor lands).
import type { FileInventory } from '../../model/inventory.js';
import type { ExtractInput } from '../extract-file.js';

export function extractPython(_input: ExtractInput): FileInventory | undefined {
  return undefined;
}
