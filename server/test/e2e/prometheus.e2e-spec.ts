/**
 * End to end with a real Prometheus (Debian's /usr/bin/prometheus): it scrapes two replicas
 * of the running IRIS server (one Redis, both reading the AMI simulator over TCP) every
 * second and evaluates the repository's own rule files. The pickup rate and service level
 * Prometheus records must be IRIS's own figures for the same window, within float rounding:
 * not doubled by the two replicas.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KpiFigures } from '@iris/shared';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '@iris/telephony';
import type { IrisApp } from '../../src/app/create-app.js';
import { KpiQueryService } from '../../src/calls/kpi-query.service.js';
import { ProjectorService } from '../../src/projector/projector.service.js';
import { bootApp, testPrefix } from './iris-e2e-support.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const rulesDir = path.join(repoRoot, 'prometheus/rules');
const QUEUES = ['accueil', 'etat-civil'] as const;
const AMI_USER = 'iris';
const AMI_SECRET = 'e2e-prometheus-secret';
const MINUTE_MS = 60_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns a value (not undefined); bounded by the test timeout. */
async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

interface PromSample {
  metric: Record<string, string>;
  value?: [number, string];
  values?: Array<[number, string]>;
}

/** A real Prometheus in a temporary directory, scraping the IRIS targets every second. */
class PrometheusProcess {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dir: string,
    private readonly log: string[],
  ) {}

  static async start(targets: string[]): Promise<PrometheusProcess> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'iris-prometheus-'));
    const port = await freePort();
    const config = [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'rule_files:',
      `  - ${JSON.stringify(path.join(rulesDir, '*.rules.yml'))}`,
      'scrape_configs:',
      '  - job_name: iris',
      '    metrics_path: /metrics',
      '    static_configs:',
      `      - targets: [${targets.map((target) => JSON.stringify(target)).join(', ')}]`,
      '',
    ].join('\n');
    writeFileSync(path.join(dir, 'prometheus.yml'), config);
    const check = spawnSync('promtool', ['check', 'config', path.join(dir, 'prometheus.yml')], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`generated Prometheus config refused: ${check.stdout}${check.stderr}`);
    const log: string[] = [];
    const child = spawn(
      'prometheus',
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    const prometheus = new PrometheusProcess(`http://127.0.0.1:${port}`, child, dir, log);
    await until('Prometheus ready', async () => {
      if (child.exitCode !== null) throw new Error(`prometheus exited: ${log.join('')}`);
      const response = await fetch(`${prometheus.url}/-/ready`);
      return response.status === 200 ? true : undefined;
    });
    return prometheus;
  }

  async query(promql: string, time?: number): Promise<PromSample[]> {
    const params = new URLSearchParams({ query: promql, ...(time !== undefined ? { time: String(time) } : {}) });
    const response = await fetch(`${this.url}/api/v1/query?${params}`);
    const body = (await response.json()) as { status: string; error?: string; data: { result: PromSample[] } };
    if (body.status !== 'success') throw new Error(`query ${promql}: ${body.error}`);
    return body.data.result;
  }

  /** The single value of an instant query, undefined when it has no result. */
  async value(promql: string, time?: number): Promise<number | undefined> {
    const result = await this.query(promql, time);
    if (result.length > 1) throw new Error(`${promql} has ${result.length} series`);
    return result[0]?.value ? Number(result[0].value[1]) : undefined;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The default two-queue front office, but the simulated day starts at 07:54 with no call
 * before 08:00: six quiet simulated minutes (six real seconds at speed 60) in which the
 * bridge resynchronises and Prometheus scrapes every counter at zero. A counter first seen
 * above zero would hide its first calls from increase(); this makes the comparison exact.
 */
function quietMorningScenario(): NonNullable<SimulatorOptions['scenario']> {
  const agents = Array.from({ length: 6 }, (_, i) => ({
    extension: String(1001 + i),
    queues: i < 4 ? ['accueil'] : i < 5 ? ['accueil', 'etat-civil'] : ['etat-civil'],
    ringDelaySeconds: 2 + (i % 4),
    noAnswerRate: [0.03, 0.05, 0.08, 0.1][i % 4]!,
  }));
  const arrivalsPerHour = Array.from({ length: 24 }, (_, hour) => (hour >= 8 && hour < 18 ? 400 : 0));
  return {
    queues: [
      {
        name: 'accueil',
        serviceLevelSeconds: 20,
        maxWaitSeconds: 120,
        ringTimeoutSeconds: 15,
        wrapUpSeconds: 5,
        share: 0.65,
      },
      {
        name: 'etat-civil',
        serviceLevelSeconds: 30,
        maxWaitSeconds: 120,
        ringTimeoutSeconds: 15,
        wrapUpSeconds: 5,
        share: 0.35,
      },
    ],
    agents,
    arrivalsPerHour,
    talkSeconds: 90,
    callerHangsUpShare: 0.4,
    meanSecondsBetweenBreaks: 75 * 60,
    breakSeconds: 8 * 60,
  };
}

describe('Prometheus scraping two replicas of the running IRIS server', () => {
  const replicas: IrisApp[] = [];
  let prometheus: PrometheusProcess;
  let simulator: SimulatorHandle | undefined;
  let amiPort: number;
  const started = Date.now();

  beforeAll(async () => {
    // The AMI port is chosen first: the bridge keeps retrying it until the simulator opens
    // it, after Prometheus has seen every counter at zero.
    amiPort = await freePort();
    // Two replicas on one Redis key space, both reading AMI (the store deduplicates).
    const prefix = testPrefix();
    for (let i = 0; i < 2; i += 1) {
      replicas.push(
        await bootApp({
          IRIS_KEY_PREFIX: prefix,
          AMI_ENABLED: 'true',
          AMI_HOST: '127.0.0.1',
          AMI_PORT: String(amiPort),
          AMI_USERNAME: AMI_USER,
          AMI_SECRET: AMI_SECRET,
          PICKUP_RATE_TARGET: '0.91',
        }),
      );
    }
    prometheus = await PrometheusProcess.start(replicas.map((replica) => new URL(replica.url).host));
  }, 120_000);

  afterAll(async () => {
    await simulator?.stop();
    for (const replica of replicas) await replica.close();
    await prometheus?.stop();
  });

  it("records IRIS's own pickup rate and service level, per queue and front office", async () => {
    // 1. Prometheus scrapes both replicas, front-office series at zero, before any call.
    await until('a scrape of both replicas with the front-office series at zero', async () => {
      const atZero = await prometheus.value('count(iris_front_office_calls{outcome="answered"} == 0)');
      return atZero === 2 ? true : undefined;
    });
    expect(await prometheus.value('sum(up{job="iris"})')).toBe(2);

    // 2. Calls arrive over real AMI/TCP.
    simulator = await startSimulator({
      port: amiPort,
      username: AMI_USER,
      secret: AMI_SECRET,
      seed: 9,
      speed: 60,
      maxCalls: 60,
      startHour: 7.9,
      // The simulated day starts when a bridge logs in, whenever its reconnect backoff brings it.
      holdUntilFirstClient: true,
      scenario: quietMorningScenario(),
    });
    for (const queue of QUEUES) {
      await until(`${queue}'s counters scraped at zero before its first call`, async () => {
        const atZero = await prometheus.value(
          `count(sum by (instance) (iris_queue_calls_total{queue="${queue}"}) == 0)`,
        );
        return atZero === 2 ? true : undefined;
      });
    }
    await simulator.whenFinished();

    // 3. IRIS has projected everything: its own figures are final.
    const projector = replicas[0]!.app.get(ProjectorService);
    const kpis = replicas[0]!.app.get(KpiQueryService);
    const truth = simulator.truth();
    await until('IRIS to have projected every call', async () => {
      const status = await projector.status();
      const figures = await kpis.figures({ from: started - MINUTE_MS, to: Date.now() + MINUTE_MS });
      return status.lagEvents === 0 &&
        figures.offered + figures.shortAbandoned === truth.frontOffice.offered + truth.frontOffice.shortAbandoned
        ? true
        : undefined;
    });

    // 4. Prometheus has scraped the final counters, then evaluated its rules again.
    const final = await kpis.figures({ from: started - MINUTE_MS, to: Date.now() + MINUTE_MS });
    await until('Prometheus to scrape the final counters', async () => {
      const answered = await prometheus.value('min(iris_front_office_calls{outcome="answered"})');
      return answered === final.answered ? true : undefined;
    });
    await sleep(3_000); // three evaluation intervals: the recording rules have run on the final samples
    const evaluatedAt = Date.now();
    const at = evaluatedAt / 1000;

    // Precondition of an exact comparison: every series' first sample is zero.
    const firstSamples = await prometheus.query(
      '{__name__=~"iris_queue_calls_total|iris_front_office_calls"}[10m]',
      at,
    );
    expect(firstSamples.length).toBe(2 * (QUEUES.length * 5 + 5));
    for (const series of firstSamples) expect([series.metric, series.values?.[0]?.[1]]).toEqual([series.metric, '0']);

    // IRIS's figures for the same window: the 15 minutes (and the hour) before `at`.
    const window15m = async (queue?: string): Promise<KpiFigures> =>
      kpis.figures({ ...(queue ? { queue } : {}), from: evaluatedAt - 15 * MINUTE_MS, to: evaluatedAt });
    const window1h = async (queue?: string): Promise<KpiFigures> =>
      kpis.figures({ ...(queue ? { queue } : {}), from: evaluatedAt - 60 * MINUTE_MS, to: evaluatedAt });

    const frontOffice = await window15m();
    expect(frontOffice.offered).toBeGreaterThan(20);
    expect(frontOffice.pickupRate).not.toBeNull();
    expect(await prometheus.value('front_office:iris_pickup_rate:ratio_rate15m', at)).toBeCloseTo(
      frontOffice.pickupRate!,
      9,
    );
    expect(await prometheus.value('front_office:iris_service_level:ratio_rate15m', at)).toBeCloseTo(
      frontOffice.serviceLevel!,
      9,
    );
    expect(await prometheus.value('front_office:iris_pickup_rate:ratio_rate1h', at)).toBeCloseTo(
      (await window1h()).pickupRate!,
      9,
    );

    // Each replica serves the whole count: a sum over instances would double it, the rules do not.
    expect(await prometheus.value('sum(iris_front_office_calls{outcome="answered"})', at)).toBe(2 * final.answered);
    expect(await prometheus.value('front_office:iris_front_office_calls_answered:increase15m', at)).toBeLessThan(
      1.2 * final.answered,
    );

    for (const queue of QUEUES) {
      const figures = await window15m(queue);
      expect(figures.offered).toBeGreaterThan(0);
      // Every queue call's wait is in the histogram once: offered + short abandons.
      expect(
        await prometheus.value(`sum(max without (instance) (iris_queue_wait_seconds_count{queue="${queue}"}))`, at),
      ).toBe(figures.offered + figures.shortAbandoned);
      expect(await prometheus.value(`queue:iris_pickup_rate:ratio_rate15m{queue="${queue}"}`, at)).toBeCloseTo(
        figures.pickupRate!,
        9,
      );
      expect(await prometheus.value(`queue:iris_service_level:ratio_rate15m{queue="${queue}"}`, at)).toBeCloseTo(
        figures.serviceLevel!,
        9,
      );
      expect(await prometheus.value(`queue:iris_pickup_rate:ratio_rate1h{queue="${queue}"}`, at)).toBeCloseTo(
        (await window1h(queue)).pickupRate!,
        9,
      );
    }
  }, 240_000);

  it('serves a scrape that promtool check metrics finds clean, with live series from the running app', async () => {
    const response = await fetch(`${replicas[1]!.url}/metrics`);
    expect(response.status).toBe(200);
    const body = await response.text();
    for (const name of [
      'iris_queue_calls_total',
      'iris_front_office_calls',
      'iris_ami_link_up',
      'iris_projector_running',
      'iris_queue_longest_wait_seconds',
      'iris_front_office_open',
    ])
      expect(body).toMatch(new RegExp(`^${name}(\\{| )`, 'm'));
    expect(body).toMatch(/^iris_ami_link_up 1$/m);
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: body, encoding: 'utf8' });
    expect({ status: lint.status, output: `${lint.stdout}${lint.stderr}`.trim() }).toEqual({ status: 0, output: '' });
  });
});
