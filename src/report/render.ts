// Picks the reporter for a format. Every reporter is a pure function of the scan result.
import type { ScanResult } from '../model/scan-result.js';
import type { RuleMeta } from '../model/rule-meta.js';
import { renderHtml } from './html-report.js';
import { renderJson } from './json-report.js';
import { renderMarkdown } from './markdown-report.js';
import { renderSarif } from './sarif-report.js';
import { renderText } from './text-report.js';

export const FORMATS = ['text', 'json', 'sarif', 'html', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  /** ANSI colour in text output (the CLI turns it on only for a TTY). */
  color: boolean;
  /** Metadata of every rule that ran, for SARIF rule entries and help text. */
  rules: readonly RuleMeta[];
}

export function render(format: Format, result: ScanResult, options: RenderOptions): string {
  switch (format) {
    case 'json':
      return renderJson(result);
    case 'text':
      return renderText(result, options);
    case 'sarif':
      return renderSarif(result, options);
    case 'html':
      return renderHtml(result, options);
    case 'markdown':
      return renderMarkdown(result, options);
    default: {
      const unknown: never = format;
      throw new Error(`unknown report format ${String(unknown)}`);
    }
  }
}
