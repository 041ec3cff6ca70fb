// Page helpers: sign in as a person would (keyboard), read numbers as French text.
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from './stack.mjs';

/** Signs in with the keyboard only (type, Tab, Enter) and waits for the home screen. */
export async function signIn(page, baseUrl, username, expectedPath) {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel('Identifiant').fill(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === expectedPath, { timeout: 20_000 });
}

/** "1 234" (with any kind of space) -> 1234. */
export function frenchInteger(text) {
  const digits = text.replace(/[\s\u00a0\u202f]/g, '');
  assert.match(digits, /^\d+$/, `not a whole number: "${text}"`);
  return Number(digits);
}

/** "91,2 %" -> 0.912; "—" -> null. */
export function frenchRate(text) {
  const trimmed = text.trim();
  if (trimmed === '—') return null;
  const match = /^(\d+),(\d) ?%$/.exec(trimmed.replace(/[\u00a0\u202f]/g, ' '));
  assert.ok(match, `not a French rate: "${text}"`);
  return Number(`${match[1]}.${match[2]}`) / 100;
}

export async function readInteger(page, testId) {
  return frenchInteger(await page.getByTestId(testId).innerText());
}

/** Polls `read` until `accept(value)` holds; returns the values seen on the way (for assertions on change). */
export async function watchUntil(read, accept, { timeoutMs = 60_000, everyMs = 250, what = 'condition' } = {}) {
  const seen = [];
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (seen.length === 0 || JSON.stringify(seen.at(-1)) !== JSON.stringify(value)) seen.push(value);
    if (accept(value)) return seen;
    if (Date.now() - started > timeoutMs)
      throw new Error(`${what} not reached; values seen: ${JSON.stringify(seen.slice(-20))}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Reads until the value stays the same three reads in a row, a second apart. */
export async function stableValue(read, { timeoutMs = 60_000 } = {}) {
  const started = Date.now();
  let previous = await read();
  let same = 0;
  while (same < 3) {
    if (Date.now() - started > timeoutMs) throw new Error(`value did not settle: last ${JSON.stringify(previous)}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const value = await read();
    same = JSON.stringify(value) === JSON.stringify(previous) ? same + 1 : 0;
    previous = value;
  }
  return previous;
}
