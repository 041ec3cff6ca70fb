/**
 * The agent id IRIS uses everywhere (rooms `agent:<id>`, agent records, panels) is the
 * extension in the queue member's interface, so one person keeps one id across queues:
 *   `Local/1001@agents/n` -> `1001`, `PJSIP/1001` -> `1001`, `SIP/1001-0000002a` -> `1001`,
 *   `Local/1001@agents` -> `1001`.
 * An interface with no such extension (e.g. `PJSIP/alice`) keeps its resource name
 * (`alice`); anything unrecognised is used whole, so two members never merge by accident.
 */
export function agentIdFromInterface(memberInterface: string): string {
  const trimmed = memberInterface.trim();
  const slash = trimmed.indexOf('/');
  if (slash < 0) return trimmed;
  let resource = trimmed.slice(slash + 1);
  const at = resource.indexOf('@');
  if (at >= 0) resource = resource.slice(0, at);
  // Channel names (not interfaces) carry a `-<hex>` suffix: drop it.
  const dash = /^(.+)-[0-9a-f]{8}$/i.exec(resource);
  if (dash) resource = dash[1]!;
  return resource.length > 0 ? resource : trimmed;
}
