/**
 * Every French text of the interface, composed of one group per area (messages/*.ts):
 * `area.thing` keys, `{name}` placeholders, plural forms where a count decides. French is
 * the reference: each group's English table must have the same keys (the type checks it),
 * and a test fails when two groups define the same key. To add a screen's texts, add a
 * group (or keys to its area's group) and list it here and in en.ts.
 */
import * as admin from './messages/admin.js';
import * as agentPanel from './messages/agent-panel.js';
import * as core from './messages/core.js';
import * as desk from './messages/desk.js';
import * as intake from './messages/intake.js';
import * as rotation from './messages/rotation.js';
import * as wallboard from './messages/wallboard.js';
import type { Message } from './message.js';

/** The groups, for the test that no key is defined twice. */
export const MESSAGE_GROUPS = { admin, agentPanel, core, desk, intake, rotation, wallboard } as const;

export const fr = {
  ...core.fr,
  ...wallboard.fr,
  ...agentPanel.fr,
  ...desk.fr,
  ...rotation.fr,
  ...admin.fr,
  ...intake.fr,
} as const;

export type MessageKey = keyof typeof fr;
export type Messages = { readonly [K in MessageKey]: Message };
