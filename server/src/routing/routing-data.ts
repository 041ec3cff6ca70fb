import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LabelledRequest, ServiceCatalogue } from '@iris/shared';

/** server/data, resolved from this file whether it runs from src/ or dist/. */
const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

function requestsIn(file: string): LabelledRequest[] {
  return (JSON.parse(readFileSync(`${DATA_DIR}${file}`, 'utf8')) as { requests: LabelledRequest[] }).requests;
}

/** The catalogue shipped with IRIS: the seed an admin edits from. */
export function shippedCatalogue(): ServiceCatalogue {
  return JSON.parse(readFileSync(`${DATA_DIR}services-catalogue.json`, 'utf8')) as ServiceCatalogue;
}

/**
 * The hand-labelled French requests the classifier starts from: those written with the
 * catalogue (labelled-requests.json) and those written apart from its keywords for tuning
 * (development-requests.json). The held-out set (held-out-requests.json) is never among them:
 * it only measures.
 */
export function shippedLabelledRequests(): LabelledRequest[] {
  return [...requestsIn('labelled-requests.json'), ...requestsIn('development-requests.json')];
}

/** The requests kept apart for measuring (written by someone who never saw the keywords). */
export function heldOutRequests(): LabelledRequest[] {
  return requestsIn('held-out-requests.json');
}
