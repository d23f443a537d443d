// Waits until a URL answers 200: node scripts/wait-http.mjs <url> <timeout s> [pid to watch].
// Gives up early when the watched process has died.
const [url, timeoutSeconds = '60', pid] = process.argv.slice(2);
const deadline = Date.now() + Number(timeoutSeconds) * 1000;

const alive = () => {
  if (!pid) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch {
    return false;
  }
};

let last = 'no answer';
while (Date.now() < deadline && alive()) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    if (response.status === 200) process.exit(0);
    last = `HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`;
  } catch (error) {
    last = error.cause?.code ?? error.message;
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
}
console.error(alive() ? `last answer: ${last}` : 'the process exited');
process.exit(1);
