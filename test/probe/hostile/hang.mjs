// D1: reads its input and never answers anything.
process.stdin.resume();
setInterval(() => {}, 1000);
