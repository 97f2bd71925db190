// JSON reporter: the ScanResult as-is, with stable key order, validated in tests against schema/scan-result.schema.json.
import type { ScanResult } from '../model/scan-result.js';

export function renderJson(result: ScanResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
