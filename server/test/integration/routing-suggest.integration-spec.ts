import { api, bootApp, createUser, login } from '../e2e/iris-e2e-support.js';
import type { IrisApp } from '../../src/app/create-app.js';

interface SuggestionBody {
  suggestion: {
    category: string;
    service: string;
    confidence: number;
    method: string;
    alternatives: Array<{ category: string; probability: number }>;
  } | null;
}

describe('GET /api/routing/suggest in the whole app (real HTTP, real Redis)', () => {
  let iris: IrisApp;
  let agent: string;

  beforeAll(async () => {
    iris = await bootApp({ SMTP_PORT: '0' });
    await createUser(iris, 'agent.suggest', ['agent'], '1001');
    await createUser(iris, 'kb.suggest', ['kb-manager']);
    agent = await login(iris.url, 'agent.suggest');
  });

  afterAll(async () => {
    await iris.close();
  });

  it('gives the agent the suggested category, its service, a calibrated confidence and three alternatives', async () => {
    const text = 'Le lampadaire devant chez moi ne s’allume plus depuis trois nuits, la rue est dans le noir.';
    const response = await api(iris.url, agent, 'GET', `/api/routing/suggest?text=${encodeURIComponent(text)}`);
    expect(response.status).toBe(200);
    const { suggestion } = response.body as unknown as SuggestionBody;
    expect(suggestion).toMatchObject({ category: 'eclairage', service: 'eclairage-public' });
    expect(suggestion!.confidence).toBeGreaterThan(0.5);
    expect(suggestion!.confidence).toBeLessThanOrEqual(1);
    expect(suggestion!.alternatives).toHaveLength(3);
    const probabilities = suggestion!.alternatives.map((a) => a.probability);
    expect([...probabilities].sort((a, b) => b - a)).toEqual(probabilities);
    expect(suggestion!.alternatives.map((a) => a.category)).not.toContain('eclairage');
    expect(suggestion!.confidence + probabilities.reduce((s, p) => s + p, 0)).toBeLessThanOrEqual(1.001);
  });

  it('suggests nothing for a text without a meaningful word, and refuses a missing text', async () => {
    const none = await api(iris.url, agent, 'GET', `/api/routing/suggest?text=${encodeURIComponent('Bonjour, merci')}`);
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ suggestion: null });
    const missing = await api(iris.url, agent, 'GET', '/api/routing/suggest');
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('is for agents and supervisors only', async () => {
    const other = await login(iris.url, 'kb.suggest');
    expect((await api(iris.url, other, 'GET', '/api/routing/suggest?text=lampadaire')).status).toBe(403);
    expect((await api(iris.url, null, 'GET', '/api/routing/suggest?text=lampadaire')).status).toBe(401);
  });
});
