/**
 * AMI messages as the simulator writes them: ordered header lists (Asterisk's field
 * order matters to anyone comparing bytes with a capture), CRLF line ends, a blank line
 * after each message.
 */
export type AmiFields = ReadonlyArray<readonly [string, string]>;

export function formatAmiMessage(fields: AmiFields): string {
  let text = '';
  for (const [name, value] of fields) text += `${name}: ${value}\r\n`;
  return `${text}\r\n`;
}

/** `Response: Success|Error|Goodbye` for one action, with its ActionID when the client sent one. */
export function actionResponse(
  response: 'Success' | 'Error' | 'Goodbye',
  actionId: string | undefined,
  message: string,
  extra: AmiFields = [],
): string {
  const fields: Array<readonly [string, string]> = [['Response', response]];
  if (actionId !== undefined) fields.push(['ActionID', actionId]);
  if (message !== '') fields.push(['Message', message]);
  return formatAmiMessage([...fields, ...extra]);
}

/**
 * One client action: header names matched case-insensitively, as Asterisk does
 * (asterisk-manager sends `Actionid`, `Membername`, ...).
 */
export class AmiAction {
  private readonly headers = new Map<string, string>();

  constructor(lines: readonly string[]) {
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).replace(/^ /, '');
      if (!this.headers.has(name)) this.headers.set(name, value);
    }
  }

  get name(): string {
    return (this.headers.get('action') ?? '').toLowerCase();
  }

  get actionId(): string | undefined {
    return this.headers.get('actionid');
  }

  get(header: string): string | undefined {
    return this.headers.get(header.toLowerCase());
  }

  /** AMI booleans: Asterisk's ast_true accepts yes/true/y/t/1/on. */
  flag(header: string): boolean | undefined {
    const value = this.get(header);
    if (value === undefined) return undefined;
    return ['yes', 'true', 'y', 't', '1', 'on'].includes(value.trim().toLowerCase());
  }
}

/** Splits a client's byte stream into actions (blank-line terminated blocks). */
export class AmiActionReader {
  private buffered = '';

  constructor(
    private readonly onAction: (action: AmiAction) => void,
    private readonly maxBufferedChars = 64 * 1024,
  ) {}

  push(chunk: string): void {
    this.buffered += chunk;
    if (this.buffered.length > this.maxBufferedChars) {
      // A client that never ends its action: drop what it sent rather than grow forever.
      this.buffered = '';
      return;
    }
    for (;;) {
      const end = this.buffered.search(/\r?\n\r?\n/);
      if (end < 0) return;
      const block = this.buffered.slice(0, end);
      const separator = /\r?\n\r?\n/.exec(this.buffered.slice(end))?.[0] ?? '\n\n';
      this.buffered = this.buffered.slice(end + separator.length);
      const lines = block.split(/\r?\n/).filter((line) => line.length > 0);
      if (lines.length > 0) this.onAction(new AmiAction(lines));
    }
  }
}
