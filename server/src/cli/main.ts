#!/usr/bin/env node
/**
 * `iris`: the operators' command line (run it with `npm run iris -- <command>`).
 *   iris replay <capture.ami.txt> [--json] [--short-abandon 5] [--service-level 20]
 *   iris rebuild [--redis-url URL] [--prefix iris:] [--json]
 *   iris kpi --from <date> --to <date> [--queue <name>] [--redis-url URL] [--prefix iris:] [--json]
 *   iris project [--redis-url URL] [--prefix iris:] [--lease-ms 10000]
 *   iris seed-history [--days 30] [--redis-url URL] [--prefix iris:]   (demo only)
 * REDIS_URL, IRIS_KEY_PREFIX, SHORT_ABANDON_SECONDS and SERVICE_LEVEL_SECONDS are read
 * from the environment when the flags are absent.
 */
import 'reflect-metadata';
import {
  DEFAULT_SERVICE_LEVEL_SECONDS,
  DEFAULT_SHORT_ABANDON_SECONDS,
  isIrisError,
  parisWallClockToEpoch,
} from '@iris/shared';
import { instant, parseArguments, UsageError, wholeSeconds, type ParsedArguments } from './cli-arguments.js';
import { formatFigures, kpiFigures } from './kpi.command.js';
import { replayCapture } from './replay.command.js';
import { openStore } from './store-context.js';
import { registerAllProjections } from './all-projections.js';
import { demoHistory } from './demo-history.js';
import { rebuildAndCompare } from '../projector/rebuild.js';
import { Projector } from '../projector/projector.js';

const USAGE = `Usage: iris <command>
  replay <capture.ami.txt> [--json] [--short-abandon 5] [--service-level 20]
      Rejoue un flux AMI enregistré par le même chemin que le trafic réel, dans un Redis privé,
      et affiche les chiffres par file et pour tout l'accueil.
  rebuild [--redis-url URL] [--prefix iris:] [--json]
      Recalcule toutes les projections depuis le journal et prouve qu'elles sont identiques.
  kpi --from 2026-06-01 --to 2026-07-01 [--queue accueil] [--redis-url URL] [--prefix iris:] [--json]
      Indicateurs d'une période quelconque (dates et heures de Paris).
  project [--redis-url URL] [--prefix iris:] [--lease-ms 10000]
      Fait tourner un projecteur seul (un seul à la fois, grâce au bail Redis).
  seed-history [--days 30] [--redis-url URL] [--prefix iris:]
      Démonstration uniquement : ajoute au journal des jours d'appels passés (simulés, reproductibles).`;

async function main(argv: ReadonlyArray<string>): Promise<number> {
  const args = parseArguments(argv);
  if (args.flags.has('help') || args.command === null || args.command === 'help') {
    console.log(USAGE);
    return args.command === null && !args.flags.has('help') ? 2 : 0;
  }
  const shortAbandonSeconds = wholeSeconds(
    args.flags.get('short-abandon') ?? process.env.SHORT_ABANDON_SECONDS,
    'short-abandon',
    DEFAULT_SHORT_ABANDON_SECONDS,
  );
  const defaultServiceLevelSeconds = wholeSeconds(
    args.flags.get('service-level') ?? process.env.SERVICE_LEVEL_SECONDS,
    'service-level',
    DEFAULT_SERVICE_LEVEL_SECONDS,
  );
  const json = args.flags.has('json');
  switch (args.command) {
    case 'replay': {
      onlyFlags(args, ['json', 'short-abandon', 'service-level']);
      if (args.positionals.length !== 1)
        throw new UsageError('replay needs exactly one capture file (e.g. fixtures/ami-captures/answered.ami.txt)');
      const output = await replayCapture({
        capture: args.positionals[0]!,
        shortAbandonSeconds,
        defaultServiceLevelSeconds,
      });
      if (json) console.log(JSON.stringify(output, null, 2));
      else {
        for (const [queue, figures] of Object.entries(output.queues))
          console.log(formatFigures(`File ${queue}`, figures));
        console.log(formatFigures("Tout l'accueil", output.frontOffice));
      }
      return 0;
    }
    case 'rebuild': {
      onlyFlags(args, ['json', 'redis-url', 'prefix', 'short-abandon', 'service-level']);
      noPositionals(args);
      const store = await openStore(storeOptions(args, shortAbandonSeconds, defaultServiceLevelSeconds));
      try {
        const report = await rebuildAndCompare(store.client, store.keys, registerAllProjections(), {
          shortAbandonSeconds,
          defaultServiceLevelSeconds,
        });
        if (json) console.log(JSON.stringify(report, null, 2));
        else {
          console.log(
            `${report.events} événements rejoués en ${(report.durationMs / 1000).toFixed(1)} s, ${report.keysCompared} clés comparées.`,
          );
          console.log(
            report.equal ? 'Projections identiques au journal.' : `DIFFÉRENCES :\n  ${report.differences.join('\n  ')}`,
          );
        }
        return report.equal ? 0 : 1;
      } finally {
        await store.close();
      }
    }
    case 'kpi': {
      onlyFlags(args, ['json', 'redis-url', 'prefix', 'from', 'to', 'queue', 'short-abandon', 'service-level']);
      noPositionals(args);
      const from = instant(args.flags.get('from'), 'from', parisWallClockToEpoch);
      const to = instant(args.flags.get('to'), 'to', parisWallClockToEpoch);
      if (to <= from) throw new UsageError('--to must come after --from');
      const queue = args.flags.get('queue');
      const store = await openStore(storeOptions(args, shortAbandonSeconds, defaultServiceLevelSeconds));
      try {
        const figures = await kpiFigures(store, { from, to, queue: typeof queue === 'string' ? queue : undefined });
        console.log(
          json
            ? JSON.stringify(figures, null, 2)
            : formatFigures(typeof queue === 'string' ? `File ${queue}` : "Tout l'accueil", figures),
        );
        return 0;
      } finally {
        await store.close();
      }
    }
    case 'project': {
      onlyFlags(args, ['redis-url', 'prefix', 'short-abandon', 'service-level', 'lease-ms']);
      noPositionals(args);
      const leaseTtlMs = wholeSeconds(args.flags.get('lease-ms'), 'lease-ms', 10_000, 600_000);
      const store = await openStore(storeOptions(args, shortAbandonSeconds, defaultServiceLevelSeconds));
      const projector = new Projector(
        store.client,
        store.keys,
        registerAllProjections(),
        { shortAbandonSeconds, defaultServiceLevelSeconds },
        {
          leaseTtlMs,
          onError: (error) => console.error(`projector: ${error instanceof Error ? error.message : String(error)}`),
        },
      );
      projector.start();
      await new Promise<void>((resolve) => {
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
      });
      await projector.stop();
      await store.close();
      return 0;
    }
    case 'seed-history': {
      onlyFlags(args, ['redis-url', 'prefix', 'days', 'short-abandon', 'service-level']);
      noPositionals(args);
      const days = wholeSeconds(args.flags.get('days'), 'days', 30, 400);
      const store = await openStore(storeOptions(args, shortAbandonSeconds, defaultServiceLevelSeconds));
      try {
        const events = demoHistory({ days, today: Date.now() });
        let appended = 0;
        for (let i = 0; i < events.length; i += 500)
          appended += (await store.ingest.ingest(events.slice(i, i + 500))).appended;
        console.log(
          `${events.length} événements historiques de démonstration (${days} jours), ${appended} nouveaux dans le journal.`,
        );
        return 0;
      } finally {
        await store.close();
      }
    }
    default:
      throw new UsageError(`unknown command ${JSON.stringify(args.command)}`);
  }
}

function storeOptions(args: ParsedArguments, shortAbandonSeconds: number, defaultServiceLevelSeconds: number) {
  const redisUrl = String(args.flags.get('redis-url') ?? process.env.REDIS_URL ?? '');
  if (!/^rediss?:\/\//.test(redisUrl))
    throw new UsageError('give the Redis to use: --redis-url redis://host:6379 (or REDIS_URL)');
  const keyPrefix = String(args.flags.get('prefix') ?? process.env.IRIS_KEY_PREFIX ?? 'iris:');
  return { redisUrl, keyPrefix, shortAbandonSeconds, defaultServiceLevelSeconds, runProjector: false };
}

function onlyFlags(args: ParsedArguments, allowed: string[]): void {
  for (const flag of args.flags.keys()) {
    if (flag !== 'help' && !allowed.includes(flag)) throw new UsageError(`${args.command} does not take --${flag}`);
  }
}

function noPositionals(args: ParsedArguments): void {
  if (args.positionals.length > 0)
    throw new UsageError(`${args.command} takes no argument ${JSON.stringify(args.positionals[0])}`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`iris: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(
      `iris: ${isIrisError(error) ? `${error.code}: ` : ''}${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
