import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import request from 'supertest';
import { startTestApp, type TestApp } from '../helpers/test-app';

const PACKAGE_VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Record<string, unknown> }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: Record<string, unknown> }> }>;
}
interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
}

const toOpenApiPath = (p: string) => p.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** Minimal shape of the Express 5 (router 2) internals walked below. */
interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: unknown;
  slash?: boolean;
}

/** Every (method, path) Express has mounted, walking nested routers and their mount paths. */
function mountedRoutes(stack: Layer[], prefix = ''): { method: string; path: string }[] {
  const found: { method: string; path: string }[] = [];
  for (const layer of stack) {
    if (layer.route) {
      if (typeof layer.route.path !== 'string') continue; // the client's catch-all is a RegExp, and not under /api
      for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) {
        found.push({ method, path: prefix + layer.route.path });
      }
    } else if (layer.handle?.stack) {
      const mount = layer.slash || typeof layer.rawPath !== 'string' ? '' : layer.rawPath;
      found.push(...mountedRoutes(layer.handle.stack, prefix + mount));
    }
  }
  return found;
}

function collectRefs(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => collectRefs(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') into.push(v);
      else collectRefs(v, into);
    }
  }
  return into;
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDoc;
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method]! })),
    );

  before(async () => {
    t = await startTestApp();
    const res = await request(t.url).get('/api/openapi.json');
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^application\/json/);
    doc = res.body as OpenApiDoc;
  });
  after(async () => {
    await t?.close();
  });

  it('when fetched, then it is an OpenAPI 3 document with the product\'s title and version', () => {
    expect(doc.openapi).to.match(/^3\.\d+\.\d+$/);
    expect(doc.info.title).to.contain('Zhixing');
    expect(doc.info.version).to.equal(PACKAGE_VERSION);
    expect(doc.components?.securitySchemes).to.have.keys(['session', 'bearer']);
  });

  it('when a route is declared, then the document has its path and method', () => {
    expect(t.app.api.routes.length).to.be.greaterThan(5);
    for (const route of t.app.api.routes) {
      const item = doc.paths[toOpenApiPath(route.path)];
      expect(item, `${route.path} is missing`).to.be.an('object');
      expect(item![route.method], `${route.method.toUpperCase()} ${route.path} is missing`).to.be.an('object');
    }
  });

  it('when Express has a route mounted under /api, by whatever means, then the document has it too', () => {
    const listener = t.app.express as unknown as { router: { stack: Layer[] } } | undefined;
    expect(listener, 'the Express app on the HTTP server').to.not.equal(undefined);
    const fromApp = mountedRoutes(listener!.router.stack).filter((r) => r.path.startsWith('/api'));
    const fromApiRouter = mountedRoutes(t.app.api.router.stack as unknown as Layer[]).filter((r) => r.path.startsWith('/api'));
    expect(fromApiRouter.length).to.equal(t.app.api.routes.length);
    expect(fromApp.length).to.be.at.least(fromApiRouter.length);
    for (const { method, path } of [...fromApp, ...fromApiRouter]) {
      expect(doc.paths[toOpenApiPath(path)]?.[method as (typeof METHODS)[number]], `${method.toUpperCase()} ${path} is mounted but not documented`).to.be.an('object');
    }
  });

  it('when the document lists an operation, then Express really serves it (no stale entries)', () => {
    const declared = new Set(t.app.api.routes.map((r) => `${r.method} ${toOpenApiPath(r.path)}`));
    for (const { path, method } of operations()) expect(declared.has(`${method} ${path}`), `${method} ${path}`).to.equal(true);
  });

  it('when an operation takes a body, then the body is JSON described by a schema, and the body is required', () => {
    let withBody = 0;
    for (const { path, method, op } of operations()) {
      if (!op.requestBody) continue;
      withBody++;
      const schema = op.requestBody.content?.['application/json']?.schema;
      expect(schema, `${method} ${path}`).to.be.an('object');
      expect(Boolean(schema!.$ref) || Boolean(schema!.type) || Boolean(schema!.oneOf) || Boolean(schema!.anyOf), `${method} ${path}`).to.equal(true);
      expect(op.requestBody.required, `${method} ${path}`).to.equal(true);
    }
    expect(withBody).to.be.at.least(4);
    for (const path of ['/api/auth/login', '/api/bidders/register', '/api/cases', '/api/admin/users']) {
      expect(doc.paths[path]?.post?.requestBody, path).to.be.an('object');
    }
  });

  it('when an operation answers, then each response is described, successes with a schema and failures with the Error schema', () => {
    for (const { path, method, op } of operations()) {
      const statuses = Object.keys(op.responses);
      expect(statuses.some((s) => /^2\d\d$/.test(s)), `${method} ${path} has no success response`).to.equal(true);
      for (const [status, response] of Object.entries(op.responses)) {
        const where = `${method} ${path} ${status}`;
        expect(response.description, where).to.be.a('string').and.not.empty;
        if (status === '204') {
          expect(response.content, where).to.equal(undefined);
          continue;
        }
        const content = Object.values(response.content ?? {});
        expect(content, where).to.have.length.greaterThan(0);
        const schema = content[0]!.schema;
        expect(schema, where).to.be.an('object');
        if (Number(status) >= 400) expect(schema!.$ref, where).to.equal('#/components/schemas/Error');
      }
    }
  });

  it('when the document references a schema, then the schema exists in components', () => {
    const refs = collectRefs(doc);
    expect(refs.length).to.be.greaterThan(10);
    for (const ref of refs) {
      expect(ref, ref).to.match(/^#\/components\/schemas\//);
      const name = ref.slice('#/components/schemas/'.length);
      expect(doc.components?.schemas?.[name], ref).to.be.an('object');
    }
    for (const name of ['Error', 'User', 'LoginResult', 'CaseDetail', 'Money']) expect(doc.components?.schemas, name).to.have.property(name);
  });

  it('when a path has a parameter, then the operation documents it as a required path parameter', () => {
    for (const { path, method, op } of operations()) {
      for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
        const param = op.parameters?.find((p) => p.in === 'path' && p.name === name);
        expect(param, `${method} ${path} {${name}}`).to.be.an('object');
        expect(param!.required, `${method} ${path} {${name}}`).to.equal(true);
      }
    }
  });

  it('when an operation has a summary and tag, then readers can find it; every operation does', () => {
    for (const { path, method, op } of operations()) {
      expect(op.summary, `${method} ${path}`).to.be.a('string').and.not.empty;
      expect(op.tags, `${method} ${path}`).to.be.an('array').with.length.greaterThan(0);
    }
  });

  it('when a route refuses callers without a session, then the document says so (security and 401), and public routes do not', async () => {
    for (const route of t.app.api.routes) {
      if (route.path === '/api/auth/logout') continue; // covered below; needs no special body
      const path = route.path.replace(':id', '0b6b6d8a-0001-4c1e-9a52-000000000001');
      const res = await request(t.url)[route.method](path).send({});
      const op = doc.paths[toOpenApiPath(route.path)]![route.method]!;
      const where = `${route.method.toUpperCase()} ${route.path} answered ${res.status}`;
      if (res.status === 401 && res.body.error.code === 'UNAUTHENTICATED') {
        expect(op.security, where).to.be.an('array').with.length.greaterThan(0);
        expect(op.responses, where).to.have.property('401');
      } else {
        expect(op.security ?? [], where).to.deep.equal([]);
      }
    }
    const logout = await request(t.url).post('/api/auth/logout');
    expect(logout.status).to.equal(401);
    expect(doc.paths['/api/auth/logout']!.post!.responses).to.have.property('401');
  });
});
