/**
 * Test support: the real Asterisk captures in ../shared/ami-captures (relative to the repo
 * root), read through the frame parser and the normaliser. Only the specs import this file.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DomainEvent } from '@iris/shared';
import { AmiFrameParser, type AmiFrame, type AmiRejectReason } from '../ami/frame-parser.js';
import { AmiNormalizer, type NormalizerOptions } from './normalizer.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CAPTURES_DIR = path.resolve(repoRoot, '../shared/ami-captures');

/** Every `*.ami.txt` file, by file name. */
export function captureFiles(): string[] {
  return readdirSync(CAPTURES_DIR)
    .filter((name) => name.endsWith('.ami.txt'))
    .sort();
}

export function readCapture(file: string): Buffer {
  return readFileSync(path.join(CAPTURES_DIR, file));
}

export function readCaptureText(file: string): string {
  return readFileSync(path.join(CAPTURES_DIR, file), 'utf8');
}

export interface Parsed {
  frames: AmiFrame[];
  rejects: Array<{ reason: AmiRejectReason; detail: string }>;
  banners: string[];
}

/** Parse bytes fed in the given chunk sizes (the whole buffer at once by default). */
export function parseChunks(bytes: Buffer, chunkSizes?: () => number): Parsed {
  const parsed: Parsed = { frames: [], rejects: [], banners: [] };
  const parser = new AmiFrameParser({
    onFrame: (frame) => parsed.frames.push(frame),
    onReject: (reason, detail) => parsed.rejects.push({ reason, detail }),
    onBanner: (banner) => parsed.banners.push(banner),
  });
  if (chunkSizes === undefined) {
    parser.push(bytes);
  } else {
    for (let pos = 0; pos < bytes.length; ) {
      const size = Math.max(1, chunkSizes());
      parser.push(bytes.subarray(pos, pos + size));
      pos += size;
    }
  }
  parser.end();
  return parsed;
}

/** Normalise frames with a synthetic receive clock (frame index * 10 ms from a fixed start). */
export function normalizeFrames(frames: readonly AmiFrame[], options?: NormalizerOptions): DomainEvent[] {
  const normalizer = new AmiNormalizer(options);
  const events: DomainEvent[] = [];
  frames.forEach((frame, index) => {
    for (const event of normalizer.normalize(frame, 1_795_000_000_000 + index * 10)) events.push(event);
  });
  return events;
}

/** Seeded PRNG (mulberry32): a failing random case reproduces from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
