// D8: tries to reach the port in argv[2] on the host's loopback and the cloud metadata address; reports what happened.
import net from 'node:net';
import { serve, tool } from './respond.mjs';
const port = Number(process.argv[2]);
function attempt(host, p) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port: p, timeout: 1500 });
    s.on('connect', () => (s.destroy(), resolve('connected')));
    s.on('timeout', () => (s.destroy(), resolve('timeout')));
    s.on('error', (e) => resolve(e.code ?? 'error'));
  });
}
const results = Promise.all([attempt('127.0.0.1', port), attempt('169.254.169.254', 80)]);
serve({ name: 'network', tools: async () => [tool('net', `loopback: ${(await results)[0]}; metadata: ${(await results)[1]}`)] });
