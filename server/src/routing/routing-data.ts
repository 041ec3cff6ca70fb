import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LabelledRequest, ServiceCatalogue } from '@iris/shared';

/** server/data, resolved from this file whether it runs from src/ or dist/. */
const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

/** The catalogue shipped with IRIS: the seed an admin edits from. */
export function shippedCatalogue(): ServiceCatalogue {
  return JSON.parse(readFileSync(`${DATA_DIR}services-catalogue.json`, 'utf8')) as ServiceCatalogue;
}

/** The hand-labelled French requests the classifier starts from. */
export function shippedLabelledRequests(): LabelledRequest[] {
  return (JSON.parse(readFileSync(`${DATA_DIR}labelled-requests.json`, 'utf8')) as { requests: LabelledRequest[] })
    .requests;
}
