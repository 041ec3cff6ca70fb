import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IrisApp } from '../../src/app/create-app.js';
import { api, bootApp } from './iris-e2e-support.js';

describe('the built dashboard served at /', () => {
  let iris: IrisApp;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'iris-dashboard-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(
      path.join(dir, 'index.html'),
      '<!doctype html><html lang="fr"><title>IRIS</title><div id="app"></div></html>',
    );
    writeFileSync(path.join(dir, 'assets', 'app-1234.js'), 'console.log("iris")');
    iris = await bootApp({ DASHBOARD_DIR: dir });
  });

  afterAll(async () => {
    await iris?.close();
  });

  it('serves files, falls back to index.html for screen paths, and leaves API, health and socket paths alone', async () => {
    const asset = await fetch(`${iris.url}/assets/app-1234.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('console.log("iris")');
    for (const screen of ['/', '/agent/1001', '/superviseur?file=accueil']) {
      const page = await fetch(`${iris.url}${screen}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toContain('<div id="app">');
    }
    const unknownApi = await api(iris.url, null, 'GET', '/api/unknown');
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.body.code).toBe('NOT_FOUND');
    expect((await api(iris.url, null, 'GET', '/health/live')).body.status).toBe('ok');
    // POST to a screen path is not a page.
    expect((await fetch(`${iris.url}/agent/1001`, { method: 'POST' })).status).toBe(404);
  });
});
