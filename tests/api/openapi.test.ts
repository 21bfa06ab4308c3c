import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../helpers/app.js';

describe('OpenAPI description', () => {
  let t: TestApp;
  beforeAll(async () => (t = await openTestApp('pglite')));
  afterAll(() => t?.close());

  it('is generated from the route schemas and served at /api/docs', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBeLessThan(400);
    const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    const submit = spec.paths['/api/links/{token}/responses'].post;
    expect(submit.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['answers', 'clientKey']));
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/me', '/api/admin/accounts']));
  });

  it('documents who is logged in: the /api/me and login answers, without any secret', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const answer = (path: string, method: string) => spec.paths[path][method].responses['200'].content['application/json'].schema;
    const me = answer('/api/me', 'get');
    expect(me.required).toEqual(expect.arrayContaining(['user', 'csrfToken']));
    expect(me.properties.user.required).toEqual(['id', 'email', 'name', 'role', 'regionId', 'municipalityId', 'schoolId']);
    expect(me.properties.user.additionalProperties).toBe(false);
    expect(JSON.stringify(me)).not.toMatch(/password|hash/i);
    // Login answers a session, or, for an account with a second factor, the challenge the code is sent with.
    const [session, challenge] = answer('/api/auth/login', 'post').anyOf;
    expect(session).toEqual(me);
    expect(challenge.required).toEqual(['secondFactor', 'challenge']);
    for (const [path, method] of [
      ['/api/auth/login/code', 'post'],
      ['/api/auth/password', 'post'],
      ['/api/auth/invitations/{token}', 'post'],
    ]) {
      expect(answer(path, method)).toEqual(me);
    }
    expect(answer('/api/auth/invitations/{token}', 'get').required).toEqual(['email', 'name']);
  });

  it('validates as OpenAPI 3.0, and every operation says what it answers, with its media type, and its errors', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(spec.openapi).toMatch(/^3\.0\./);
    // The validator dereferences in place: it gets a copy.
    await expect(SwaggerParser.validate(structuredClone(spec))).resolves.toBeTruthy();
    const undeclared: string[] = [];
    for (const [path, item] of Object.entries<Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>>(spec.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const responses = Object.entries(operation.responses ?? {});
        const success = responses.filter(([status]) => /^2/.test(status));
        if (success.length === 0 || success.some(([status, r]) => status !== '204' && Object.keys(r.content ?? {}).length === 0))
          undeclared.push(`${method.toUpperCase()} ${path}: success`);
        if (!responses.some(([status, r]) => /^4/.test(status) && r.content?.['application/json'])) undeclared.push(`${method.toUpperCase()} ${path}: errors`);
      }
    }
    expect(undeclared).toEqual([]);
    const media = (path: string) => Object.keys(spec.paths[path].get.responses['200'].content);
    expect(media('/api/waves/{waveId}/participation.csv')).toEqual(['text/csv']);
    expect(media('/api/waves/{waveId}/profiles.xlsx')).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(media('/api/waves/{waveId}/participation/events')).toEqual(['text/event-stream']);
    for (const upload of ['/api/admin/roster', '/api/admin/roster/preview']) {
      expect(Object.keys(spec.paths[upload].post.requestBody.content)).toEqual(expect.arrayContaining(['text/csv', 'application/octet-stream']));
    }
  });

  it('says of every operation how a caller proves who it is, and which token permissions open it', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(Object.keys(spec.components.securitySchemes)).toEqual(['session', 'serviceToken']);
    const operation = (path: string, method: string) => spec.paths[path][method];
    expect(operation('/api/waves/{waveId}/participation', 'get')).toMatchObject({
      security: [{ session: [] }, { serviceToken: [] }],
      'x-token-permissions': ['participation:read'],
    });
    expect(operation('/api/admin/roster', 'post')['x-token-permissions']).toEqual(['roster:import']);
    expect(operation('/api/admin/accounts', 'get')).toMatchObject({ security: [{ session: [] }] });
    expect(operation('/api/admin/accounts', 'get')['x-token-permissions']).toBeUndefined();
    expect(operation('/api/links/{token}/responses', 'post').security).toEqual([]);
    for (const { method, url } of t.app.routeAccess) {
      expect(operation(url.replace(/:(\w+)/g, '{$1}'), method.toLowerCase()).security, `${method} ${url}`).toBeDefined();
    }
  });
});
