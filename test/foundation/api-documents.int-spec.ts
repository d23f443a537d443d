import { startTestService, type TestService } from '@app/testing';
import request from 'supertest';
import { SERVICES } from './services';

type Operation = {
  operationId: string;
  security?: Record<string, string[]>[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>> };

const documents = new Map<string, Document>();
const ERROR_BODY = '#/components/schemas/ErrorBody';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

const operationsOf = (document: Document) =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
  );

/** Every operation whose documented answers break a rule, with the rule it breaks. */
function undocumented(document: Document): string[] {
  const problems: string[] = [];
  for (const { name, operation } of operationsOf(document)) {
    const { responses } = operation;
    const complain = (what: string) => problems.push(`${name}: ${what}`);
    if (!Array.isArray(operation.security)) complain('declares no security');
    const signedIn = (operation.security ?? []).length > 0;
    if (signedIn && !responses['401']) complain('needs sign-in but documents no 401');
    if ((operation.parameters?.length || operation.requestBody) && !responses['400'])
      complain('takes input but documents no 400');
    if (!responses['429']) complain('documents no 429');
    for (const [status, answer] of Object.entries(responses)) {
      const json = answer.content?.['application/json'];
      if (status.startsWith('4') && json && json.schema?.$ref !== ERROR_BODY)
        complain(`${status} is not the error body`);
      if (['200', '201'].includes(status) && !answer.content)
        complain(`${status} has no body schema`);
    }
  }
  return problems;
}

describe.each(SERVICES.map(({ definition }) => definition))(
  'the $name service’s OpenAPI document',
  (definition) => {
    let service: TestService<unknown>;
    let document: Document;

    beforeAll(async () => {
      service = await startTestService(definition as never);
      const answer = await request(service.url)
        .get(`/api/${definition.name}/docs/openapi.json`)
        .expect(200);
      document = answer.body;
      documents.set(definition.name, document);
    });

    afterAll(async () => {
      await service?.close();
    });

    it('documents, for every route, its security, its success body and its error answers', () => {
      expect(operationsOf(document).length).toBeGreaterThan(0);
      expect(undocumented(document)).toEqual([]);
    });

    it('answers 405 with Allow, in the error body, to a method a known path does not have', async () => {
      const health = `/api/${definition.name}/health`;

      const answer = await request(service.url).delete(health).expect(405);

      expect(answer.headers.allow).toBe('GET, HEAD');
      expect(answer.body).toEqual({
        statusCode: 405,
        code: 'method_not_allowed',
        message: expect.stringContaining('DELETE'),
      });
      await request(service.url).get(health).expect(200);
      await request(service.url).delete(`/api/${definition.name}/no-such-path`).expect(404);
    });
  },
);

// Read from the document the tenant service served above (the describes run in order).
describe('the tenant service’s OpenAPI document, on sign-in', () => {
  it('declares a bearer token on /me and /auth/logout-everywhere, and none on sign-in', () => {
    const { paths } = documents.get('tenant')!;

    expect(paths['/api/tenant/me'].get.security).toEqual([{ bearer: [] }]);
    expect(paths['/api/tenant/auth/logout-everywhere'].post.security).toEqual([{ bearer: [] }]);
    expect(paths['/api/tenant/auth/login'].post.security).toEqual([]);
    expect(paths['/api/tenant/auth/login'].post.responses['401']).toBeDefined();
  });
});
