// Shared set-up of the probe tests: where the test servers are, small limits, and whether the sandbox works here.
import path from 'node:path';
import { checkSandbox } from '../../src/probe/sandbox.js';
import type { ProbeLimits } from '../../src/probe/limits.js';
import { probe, type ProbeOptions, type ProbeResult } from '../../src/probe/probe.js';

export const ROOT = path.resolve('.');
export const SERVERS = 'test/probe/servers';
export const HOSTILE = 'test/probe/hostile';

/** Small caps so that every hostile case ends quickly; the behaviour under test is the same as with the defaults. */
export const TEST_LIMITS: Partial<ProbeLimits> = {
  connectTimeoutMs: 4000,
  requestTimeoutMs: 4000,
  totalTimeoutMs: 20_000,
  maxMessageBytes: 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024,
  relistDelayMs: 100,
};

const sandbox = await checkSandbox();
/** `skip` value for tests that need bubblewrap: false when it works, else the reason (shown by the test runner). */
export const needsSandbox: string | false = sandbox.available ? false : `bubblewrap unavailable: ${sandbox.reason}`;

export function probeScript(script: string, args: string[] = [], options: ProbeOptions = {}): Promise<ProbeResult> {
  return probe({ kind: 'stdio', command: process.execPath, args: [script, ...args], cwd: ROOT, env: [] }, { limits: TEST_LIMITS, ...options });
}

export function codes(r: ProbeResult): string[] {
  return r.issues.map((i) => i.code);
}
