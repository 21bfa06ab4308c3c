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
});
