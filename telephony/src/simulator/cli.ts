#!/usr/bin/env node
/**
 * `node telephony/dist/simulator/cli.js --port 5038 --username iris --secret iris --seed 1 --speed 60
 *   [--queues accueil,etat-civil --agents 8] [--max-calls N] [--replay <capture.ami.txt> [--timing original|fast]]
 *   [--truth-out truth.json]`
 * Prints `AMI simulator listening on 127.0.0.1:<port>` once ready. Stops on SIGINT/SIGTERM,
 * writing the truth file one last time.
 */
import { parseArgs } from 'node:util';
import { startSimulator, writeTruth, type SimulatorOptions } from './simulator.js';

function fail(message: string): never {
  process.stderr.write(`AMI simulator: ${message}\n`);
  process.exit(2);
}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max)
    fail(`--${name} must be an integer from ${min} to ${max}, got "${value}"`);
  return parsed;
}

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '5038' },
    username: { type: 'string' },
    secret: { type: 'string' },
    seed: { type: 'string' },
    speed: { type: 'string', default: '60' },
    queues: { type: 'string' },
    agents: { type: 'string' },
    'max-calls': { type: 'string' },
    replay: { type: 'string' },
    timing: { type: 'string', default: 'original' },
    'truth-out': { type: 'string' },
  },
  strict: true,
});

if (!values.username) fail('--username is required');
if (values.secret === undefined) fail('--secret is required');
const speed = values.speed === 'max' ? 'max' : Number(values.speed);
if (speed !== 'max' && !(speed > 0)) fail(`--speed must be a positive number or "max", got "${values.speed}"`);
if (values.timing !== 'original' && values.timing !== 'fast')
  fail(`--timing must be "original" or "fast", got "${values.timing}"`);
const queues = values.queues
  ?.split(',')
  .map((queue) => queue.trim())
  .filter((queue) => queue.length > 0);
if (values.queues !== undefined && (!queues || queues.length === 0)) fail('--queues needs at least one queue name');

const options: SimulatorOptions = {
  host: values.host,
  port: integer('port', values.port, 5038, 0, 65535),
  username: values.username,
  secret: values.secret,
  seed: integer('seed', values.seed, 1, 0, 2 ** 32 - 1),
  speed,
  queues,
  agents: values.agents === undefined ? undefined : integer('agents', values.agents, 8, 1, 99),
  maxCalls: values['max-calls'] === undefined ? undefined : integer('max-calls', values['max-calls'], 0, 1, 10_000_000),
  replay: values.replay ? { file: values.replay, timing: values.timing } : undefined,
};

const simulator = await startSimulator(options).catch((error: unknown) =>
  fail(error instanceof Error ? error.message : String(error)),
);
process.stdout.write(`AMI simulator listening on ${simulator.host}:${simulator.port}\n`);

const truthOut = values['truth-out'];
const saveTruth = () => {
  if (truthOut) writeTruth(truthOut, simulator.truth());
};
const truthTimer = truthOut ? setInterval(saveTruth, 5000) : undefined;

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  if (truthTimer) clearInterval(truthTimer);
  saveTruth();
  await simulator.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
