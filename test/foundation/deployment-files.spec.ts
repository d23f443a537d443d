import { loadConfig, REPOSITORY_SECRET_VALUES, secretVariables } from '@app/config';
import { allTopics } from '@app/contracts';
import {
  ComposeRefused,
  type ComposeService,
  composeServices,
  generatedOperatorSecrets,
} from '@app/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type z } from 'zod';
import { SERVICES } from './services';

const root = join(__dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Compose as an operator runs it, with the keys `scripts/generate-secrets.sh` made in .env. */
const compose = { services: composeServices(generatedOperatorSecrets()) };
const composeAsWritten = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

const schemaKeys = (schema: z.ZodType) => Object.keys((schema as z.ZodObject).shape).sort();

describe('docker-compose.yml', () => {
  describe.each(
    SERVICES.flatMap(({ definition, compose: names }) =>
      names.map((name) => [name, definition] as const),
    ),
  )('service %s', (name, definition) => {
    const service = compose.services[name];

    it('has an environment its configuration schema accepts, with no unknown variable', () => {
      expect(service).toBeDefined();
      const environment = service.environment ?? {};
      expect(() => loadConfig(definition.schema, environment)).not.toThrow();
      const unknown = Object.keys(environment).filter(
        (key) => !schemaKeys(definition.schema).includes(key),
      );
      expect(unknown).toEqual([]);
    });

    it('takes every secret from the operator, with no value of its own', () => {
      const written = composeAsWritten.services[name].environment ?? {};
      for (const [variable, meta] of secretVariables(definition.schema)) {
        const value = written[variable];
        if (meta.origin === 'parley') {
          expect({ variable, value }).toEqual({
            variable,
            value: expect.stringMatching(new RegExp(`^\\$\\{${variable}:\\?.+\\}$`)),
          });
        } else if (value?.startsWith('${')) {
          // A provider's secret turns a feature on: the operator's, or empty (the feature off).
          expect({ variable, value }).toEqual({ variable, value: `\${${variable}:-}` });
        }
      }
    });

    it('starts in production, as compose runs it, with the keys an operator generates', () => {
      const environment = compose.services[name].environment ?? {};
      expect(environment.NODE_ENV).toBe('production');
      expect(() => loadConfig(definition.schema, environment)).not.toThrow();
    });

    it('listens on all interfaces and runs its own entry point', () => {
      expect(service.environment?.HOST).toBe('0.0.0.0');
      expect(service.command).toEqual(['node', `dist/apps/${definition.name}/src/main.js`]);
    });

    it('is health-checked on its own health endpoint', () => {
      const port = service.environment?.PORT;
      expect(service.healthcheck?.test.join(' ')).toContain(
        `127.0.0.1:${port}/api/${definition.name}/health`,
      );
    });

    it('waits for healthy dependencies before starting', () => {
      const conditions = Object.values(service.depends_on ?? {}).map((dep) => dep.condition);
      expect(conditions.length).toBeGreaterThan(0);
      for (const condition of conditions) {
        expect(['service_healthy', 'service_completed_successfully']).toContain(condition);
      }
      expect(service.depends_on?.mongo?.condition).toBe('service_healthy');
      expect(service.depends_on?.['redpanda-topics']?.condition).toBe(
        'service_completed_successfully',
      );
    });
  });

  it('runs chat twice, behind nginx', () => {
    const nginxConf = read('nginx/nginx.docker.conf');
    expect(nginxConf).toContain('server chat-1:3002;');
    expect(nginxConf).toContain('server chat-2:3002;');
  });

  it("refuses to start without the keys in the operator's .env, naming the first missing", () => {
    expect(() => composeServices({})).toThrow(ComposeRefused);
    expect(() => composeServices({})).toThrow(/NOTIFICATION_SEAL_KEY: missing, make the keys/);
  });

  it('takes only variables that .env.example lists for the operator', () => {
    const used = [...read('docker-compose.yml').matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map(
      (m) => m[1],
    );
    const listed = [...read('.env.example').matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
    expect([...new Set(used)].sort()).toEqual([...listed].sort());
  });

  it('holds no value that production refuses as published', () => {
    const text = read('docker-compose.yml');
    for (const value of REPOSITORY_SECRET_VALUES) expect(text).not.toContain(value);
  });

  it('health-checks every infrastructure service', () => {
    for (const name of ['redpanda', 'mongo', 'redis', 'mailpit', 'opensearch', 'nginx']) {
      expect(compose.services[name]?.healthcheck?.test.length).toBeGreaterThan(0);
    }
  });
});

describe('redpanda/topics.txt', () => {
  it('lists exactly the topics of libs/contracts, so Redpanda gets the topics Kafka gets', () => {
    const listed = read('redpanda/topics.txt').split('\n').filter(Boolean).sort();
    expect(listed).toEqual(allTopics());
  });
});

describe.each(SERVICES.map(({ definition }) => [definition.name, definition] as const))(
  'apps/%s/.env.example',
  (name, definition) => {
    const example = Object.fromEntries(
      read(`apps/${name}/.env.example`)
        .split('\n')
        .filter((line) => line.trim() && !line.trim().startsWith('#'))
        .map((line) => {
          const index = line.indexOf('=');
          return [line.slice(0, index).trim(), line.slice(index + 1).trim()];
        }),
    );

    it('names every variable of the configuration schema and nothing else', () => {
      expect(Object.keys(example).sort()).toEqual(schemaKeys(definition.schema));
    });

    it('holds values the schema accepts', () => {
      expect(() => loadConfig(definition.schema, example)).not.toThrow();
    });

    it('is documented in the README configuration table', () => {
      const readme = read('README.md');
      for (const key of Object.keys(example)) expect(readme).toContain(`\`${key}\``);
    });
  },
);
