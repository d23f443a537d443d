// Adds up the static checks and the jest reports of scripts/test.sh into the one line CI reads.
// Usage: node scripts/test-summary.mjs <results dir> [jest report file ...]
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, ...reports] = process.argv.slice(2);
let passed = 0;
let failed = 0;

const checks = join(dir, 'checks.txt');
if (existsSync(checks)) {
  for (const line of readFileSync(checks, 'utf8').split('\n').filter(Boolean)) {
    if (line.startsWith('pass ')) passed += 1;
    else failed += 1;
  }
}

for (const file of reports) {
  const path = join(dir, file);
  // A jest run that crashed before writing its report, or that found no test, is a failure.
  if (!existsSync(path)) {
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(path, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
  if (report.numTotalTests === 0) failed += 1;
}

console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
