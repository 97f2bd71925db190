// D2: writes valid but endless JSON-RPC notifications (64 KB each) to stdout as soon as it starts.
const line = `${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'x'.repeat(64 * 1024) } })}\n`;
const pump = () => {
  while (process.stdout.write(line));
  process.stdout.once('drain', pump);
};
pump();
