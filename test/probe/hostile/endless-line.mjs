// D2: one line that never ends (no newline), growing without bound.
const chunk = 'y'.repeat(64 * 1024);
const pump = () => {
  while (process.stdout.write(chunk));
  process.stdout.once('drain', pump);
};
pump();
