import { REPOSITORY_SECRET_VALUES } from '@app/config';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const root = join(__dirname, '../..');

/** An environment-style name that holds a secret (not its file, URL or lifetime). */
const SECRET_NAME = String.raw`[A-Z0-9_]*(?:SECRET|SEAL_KEY|TOKEN|PASSWORD)(?![A-Z0-9_]*_(?:FILE|URL|TTL|HOURS|DAYS|SECONDS))[A-Z0-9_]*`;
const VALUE = String.raw`[^'"\x60\s,;}|$<{?-][^'"\x60\s,;}|$<{]{5,}`;
const CODE = new Set(['.ts', '.tsx', '.js', '.mjs', '.cjs']);

/** Code: a quoted literal given to a secret's name (directly, or through a call such as a default). */
const inCode = new RegExp(
  String.raw`\b${SECRET_NAME}['"]?[ \t]*[:=][ \t]*(?:[A-Za-z_.]+\()?['"\x60](${VALUE})['"\x60]`,
  'g',
);
/** Env files, YAML, shell, docs: NAME=value, NAME: value. */
const inText = new RegExp(String.raw`\b${SECRET_NAME}[ \t]*[:=][ \t]*['"]?(${VALUE})`, 'g');
/** Compose's and the shell's defaults: ${NAME:-value}. */
const asDefault = new RegExp(String.raw`\$\{${SECRET_NAME}:-(${VALUE})\}`, 'g');
/** A password inside a URL, between the user name's colon and the host's at sign. */
const inUrl = /\b[a-z]+s?:\/\/[^\s:/@'"]+:([^\s@/'"$<{}]{6,})@/g;

function secretValuesIn(path: string, text: string): string[] {
  const patterns = [CODE.has(extname(path)) ? inCode : inText, asDefault, inUrl];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]));
}

const trackedFiles = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((path) => path && !path.endsWith('package-lock.json'));

const found = trackedFiles.flatMap((path) => {
  let text: string;
  try {
    text = readFileSync(join(root, path), 'utf8');
  } catch {
    return [];
  }
  if (text.includes('\0')) return [];
  return secretValuesIn(path, text).map((value) => ({ path, value }));
});

describe('secret values in the repository', () => {
  it('finds the values given to secrets in code, env files, compose and scripts', () => {
    // Made at run time, so that this file holds no secret value for the scan to find.
    const value = `v${randomBytes(6).toString('hex')}`;
    const samples: [string, string][] = [
      ['a.ts', `VISITOR_TOKEN_SECRET: parleyKey('${value}')`],
      ['a.spec.ts', `const SEAL_KEY = '${value}';`],
      ['.env.example', `OIDC_CLIENT_SECRET=${value}\n`],
      ['c.yml', `X: \${NOTIFICATION_SEAL_KEY:-${value}}`],
      ['d.md', `SMTP_URL=smtp://mailer:${value}@smtp.example:587`],
    ];
    for (const [path, text] of samples) expect(secretValuesIn(path, text)).toEqual([value]);
    // Expressions and placeholders are not values.
    expect(secretValuesIn('e.ts', `VISITOR_TOKEN_SECRET: randomBytes(32).toString('hex')`)).toEqual(
      [],
    );
    expect(secretValuesIn('f.sh', 'VISITOR_TOKEN_SECRET=$(openssl rand -hex 32)')).toEqual([]);
    expect(secretValuesIn('g.ts', `JWT_PRIVATE_KEY_FILE: '/run/keys/jwt.pem'`)).toEqual([]);
  });

  it('are all on the list that production refuses', () => {
    const missing = found.filter(({ value }) => !REPOSITORY_SECRET_VALUES.includes(value));
    expect(missing).toEqual([]);
  });

  it('include the development keys of the configuration schemas', () => {
    const values = found.map(({ value }) => value);
    expect(values).toContain('parley-local-development-visitor-secret-change-me');
    expect(values).toContain('parley-local-development-seal-key-change-me');
  });
});
