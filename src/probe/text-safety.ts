// Makes server-controlled text safe to show: control characters and escape sequences removed, length capped.

// ESC sequences (CSI, OSC and two-character forms), then every other C0/C1 control except tab and newline.
const ESCAPES = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function stripControl(text: string): string {
  return text.replace(ESCAPES, '').replace(CONTROLS, '');
}

/** One line for a report: controls stripped, newlines folded, at most `max` characters. */
export function displayText(text: string, max = 300): string {
  const flat = stripControl(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
