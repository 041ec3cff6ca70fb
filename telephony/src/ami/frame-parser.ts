/**
 * Splits a raw AMI byte stream into frames (`Key: Value` lines ended by an empty line).
 *
 * Why not the parser of `asterisk-manager`: it lower-cases header names, has no limit on a
 * frame's size and no notion of a bad frame. This one keeps header names as Asterisk sent
 * them, rejects what it cannot trust with a reason, and resynchronises at the next blank
 * line, so one bad frame never stops the stream nor swallows its good neighbours. A frame
 * that lost its blank line is recognised when a second `Event:` (or `Response:`) line
 * starts inside it: it is rejected as truncated and the new frame starts there.
 *
 * Hot path: a busy Asterisk sends thousands of frames a second, 95% of them noise. Each
 * chunk's complete lines are decoded in one native call as latin1 (one char per byte, so
 * sizes are exact byte counts) and split with string searches; only a line holding a byte
 * >= 0x80 is re-decoded as UTF-8, from its own bytes. Only the unfinished last line of a
 * chunk is kept as bytes, so a UTF-8 character split across two chunks decodes right.
 */

/** Header names in their original case, values as sent (UTF-8). The first of a repeated header wins. */
export type AmiFrame = Readonly<Record<string, string>>;

export type AmiRejectReason = 'malformed_line' | 'oversized' | 'truncated' | 'missing_type';

export const AMI_REJECT_REASONS: readonly AmiRejectReason[] = [
  'malformed_line',
  'oversized',
  'truncated',
  'missing_type',
];

export const DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

/** Callbacks run synchronously inside push()/end() and must not throw: an exception
 * propagates out of push() and the rest of that chunk is lost. */
export interface AmiFrameParserOptions {
  /** Largest frame accepted, in bytes including line ends (default 64 KiB). */
  maxFrameBytes?: number;
  onFrame(frame: AmiFrame): void;
  onReject(reason: AmiRejectReason, detail: string): void;
  /** The first line of the stream when it is not a header (`Asterisk Call Manager/12.0.0`). */
  onBanner?(banner: string): void;
}

const LF = 0x0a;
const CR = 0x0d;
/** A byte >= 0x80 in latin1-decoded text: UTF-8 to decode. */
const NON_ASCII = /[\x80-\xff]/;
/** How much of an offending line a reject's detail quotes. */
const DETAIL_CHARS = 60;

export class AmiFrameParser {
  private readonly maxFrameBytes: number;
  private readonly onFrame: (frame: AmiFrame) => void;
  private readonly onReject: (reason: AmiRejectReason, detail: string) => void;
  private readonly onBanner: ((banner: string) => void) | undefined;

  /** Bytes after the last line feed seen: the start of a line not yet complete, in pieces. */
  private tail: Buffer[] = [];
  private tailBytes = 0;
  /** Headers of the frame being read; null between frames. */
  private fields: Record<string, string> | null = null;
  private frameBytes = 0;
  /** After a rejected frame: drop lines until the next blank line (resynchronise). */
  private skipping = false;
  /** After an oversized unfinished line: drop bytes until its line feed. */
  private discardingLine = false;
  private sawFirstLine = false;

  constructor(options: AmiFrameParserOptions) {
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    if (!Number.isInteger(this.maxFrameBytes) || this.maxFrameBytes < 16) {
      throw new RangeError(`maxFrameBytes must be an integer >= 16, got ${String(options.maxFrameBytes)}`);
    }
    this.onFrame = options.onFrame;
    this.onReject = options.onReject;
    this.onBanner = options.onBanner;
  }

  push(chunk: Buffer | string): void {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (buf.length === 0) return;
    let pos = 0;

    if (this.discardingLine) {
      const nl = buf.indexOf(LF);
      if (nl < 0) return;
      this.discardingLine = false;
      pos = nl + 1;
    } else if (this.tailBytes > 0) {
      if (buf.indexOf(LF) < 0) {
        // Still no end of line: just collect (no copying of the whole line on every chunk).
        this.keepTail(buf, 0);
        return;
      }
      this.tail.push(buf);
      buf = Buffer.concat(this.tail);
      this.tail = [];
      this.tailBytes = 0;
    }

    const last = buf.lastIndexOf(LF);
    if (last >= pos) {
      const text = buf.toString('latin1', pos, last + 1);
      // Checked once per chunk: most chunks hold no byte >= 0x80, so no line needs UTF-8 decoding.
      const anyNonAscii = NON_ASCII.test(text);
      // Position of the next CR: found once per CR, not once per line (a LF-only stream
      // would otherwise rescan to the end of the chunk for every line).
      let nextCr = -1;
      let at = 0;
      while (at < text.length) {
        const nl = text.indexOf('\n', at);
        let end = nl;
        if (end > at && text.charCodeAt(end - 1) === CR) end--;
        if (end === at) this.endOfFrame();
        else if (!this.skipping) {
          if (nextCr < at) {
            nextCr = text.indexOf('\r', at);
            if (nextCr < 0) nextCr = text.length;
          }
          this.line(text.slice(at, end), nl + 1 - at, anyNonAscii, nextCr < end);
        }
        at = nl + 1;
      }
      pos = last + 1;
    }

    if (pos < buf.length) this.keepTail(buf, pos);
  }

  /** The stream ended: a frame left unfinished is rejected as truncated. */
  end(): void {
    const unfinished = !this.skipping && (this.fields !== null || this.tailBytes > 0);
    if (unfinished) {
      const first = this.fields
        ? firstHeader(this.fields)
        : quote(Buffer.concat(this.tail).toString('utf8', 0, DETAIL_CHARS));
      this.onReject('truncated', `stream ended inside a frame (${first})`);
    }
    this.tail = [];
    this.tailBytes = 0;
    this.fields = null;
    this.frameBytes = 0;
    this.skipping = false;
    this.discardingLine = false;
  }

  /** Keep the unfinished line `buf[pos..]`, unless it makes the frame too big. */
  private keepTail(buf: Buffer, pos: number): void {
    const pending = this.tailBytes + buf.length - pos;
    // Inside a rejected frame a short tail is still kept: it may be the "\r" of the blank
    // line that resynchronises us.
    const limit = this.skipping ? this.maxFrameBytes : this.maxFrameBytes - this.frameBytes;
    if (pending > limit) {
      if (!this.skipping) this.rejectOversized();
      this.tail = [];
      this.tailBytes = 0;
      this.discardingLine = true;
      return;
    }
    // Copy so that the caller's (possibly large) chunk is not retained for a few bytes.
    this.tail.push(Buffer.from(buf.subarray(pos)));
    this.tailBytes = pending;
  }

  private endOfFrame(): void {
    if (this.skipping) {
      this.skipping = false;
      return;
    }
    const fields = this.fields;
    if (fields === null) return; // consecutive blank lines: nothing to emit
    this.fields = null;
    this.frameBytes = 0;
    if (fields.Event === undefined && fields.Response === undefined) {
      this.onReject('missing_type', `frame without Event or Response (${firstHeader(fields)})`);
      return;
    }
    this.onFrame(fields);
  }

  /**
   * One non-empty line, latin1-decoded, line end removed; `rawBytes` counts the line end
   * too. `maybeNonAscii`: the chunk holds bytes >= 0x80 (UTF-8 to decode); `bareCr`: a CR
   * inside the line, which is not AMI.
   */
  private line(latin1: string, rawBytes: number, maybeNonAscii: boolean, bareCr: boolean): void {
    const text = maybeNonAscii && NON_ASCII.test(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1;

    if (!this.sawFirstLine) {
      this.sawFirstLine = true;
      if (text.indexOf(':') < 0) {
        this.onBanner?.(text);
        return;
      }
    }

    this.frameBytes += rawBytes;
    if (this.frameBytes > this.maxFrameBytes) {
      this.rejectOversized();
      return;
    }

    const colon = text.indexOf(':');
    // A key is a non-empty token without a space before its colon; a bare CR means the
    // sender does not speak AMI.
    if (bareCr || colon <= 0 || text.charCodeAt(colon - 1) === 0x20) {
      this.reject('malformed_line', `not a "Key: Value" line: ${quote(text.slice(0, DETAIL_CHARS))}`);
      return;
    }
    const key = text.slice(0, colon);
    const value = text.charCodeAt(colon + 1) === 0x20 ? text.slice(colon + 2) : text.slice(colon + 1);

    let fields = this.fields;
    if (fields === null) {
      fields = this.fields = {};
    } else if ((key === 'Event' || key === 'Response') && fields[key] !== undefined) {
      // A second Event/Response line: the previous frame lost its blank line (cut short).
      // Reject it and start the new frame here, so the good frame is not swallowed.
      this.onReject('truncated', `frame cut short by a new ${key} line (${firstHeader(fields)})`);
      fields = this.fields = {};
      this.frameBytes = rawBytes;
    }
    if (key !== '__proto__' && !Object.hasOwn(fields, key)) fields[key] = value;
  }

  private rejectOversized(): void {
    const first = this.fields ? firstHeader(this.fields) : 'no header yet';
    this.reject('oversized', `frame larger than ${this.maxFrameBytes} bytes (${first})`);
  }

  /** Reject the frame in progress and skip the rest of it, up to the next blank line. */
  private reject(reason: AmiRejectReason, detail: string): void {
    this.fields = null;
    this.frameBytes = 0;
    this.skipping = true;
    this.onReject(reason, detail);
  }
}

function firstHeader(fields: Record<string, string>): string {
  for (const key in fields) return `${key}: ${quote(fields[key]!.slice(0, DETAIL_CHARS))}`;
  return 'empty';
}

/** JSON-quote so control bytes and garbage stay readable and single-line in logs. */
function quote(text: string): string {
  return JSON.stringify(text);
}
