import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  categoryServiceIndex,
  crossValidate,
  validateCatalogue,
  type LabelledRequest,
  type ServiceCatalogue,
} from '@iris/shared';

const dataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data');
const catalogue = JSON.parse(readFileSync(path.join(dataDir, 'services-catalogue.json'), 'utf8')) as ServiceCatalogue;
const labelled = (
  JSON.parse(readFileSync(path.join(dataDir, 'labelled-requests.json'), 'utf8')) as { requests: LabelledRequest[] }
).requests;

/**
 * Reached on 2026-11-28 with 5-fold cross-validation on the 424 labelled requests (see the
 * report): category 0.844, service 0.858, auto-routed share 0.373 at 0.8, of which 0.956
 * went to the right service. The floors below leave a small margin for later data edits.
 */
const FLOOR = { category: 0.82, service: 0.84, autoShare: 0.33, autoPrecision: 0.93 };

describe('services catalogue', () => {
  it('is valid and covers the ~40 services of a city of 50,000', () => {
    expect(validateCatalogue(catalogue)).toEqual([]);
    expect(catalogue.services.length).toBeGreaterThanOrEqual(38);
    expect(categoryServiceIndex(catalogue).size).toBeGreaterThanOrEqual(60);
  });
});

describe('labelled requests', () => {
  it('has at least 300 distinct requests covering every category', () => {
    const categories = categoryServiceIndex(catalogue);
    expect(new Set(labelled.map((r) => r.text)).size).toBe(labelled.length);
    expect(labelled.length).toBeGreaterThanOrEqual(300);
    expect(labelled.every((r) => categories.has(r.category))).toBe(true);
    expect(new Set(labelled.map((r) => r.category)).size).toBe(categories.size);
  });
});

describe('qualification accuracy (5-fold cross-validation)', () => {
  const result = crossValidate(catalogue, labelled, 5, 0.8);

  it('does not fall below what was reached', () => {
    // Printed so the figure is visible in the test log when it moves.
    process.stdout.write(`qualification accuracy: ${JSON.stringify(result)}\n`);
    expect(result.examples).toBe(labelled.length);
    expect(result.categoryAccuracy).toBeGreaterThanOrEqual(FLOOR.category);
    expect(result.serviceAccuracy).toBeGreaterThanOrEqual(FLOOR.service);
  });

  it('routes a good share automatically, and those almost always to the right service', () => {
    expect(result.autoRoutedShare).toBeGreaterThanOrEqual(FLOOR.autoShare);
    expect(result.autoRoutedServiceAccuracy).toBeGreaterThanOrEqual(FLOOR.autoPrecision);
  });
});
