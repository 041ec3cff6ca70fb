import { AmiFrameParser, type AmiFrame, type AmiRejectReason } from './frame-parser.js';
import {
  captureFiles,
  parseChunks,
  readCapture,
  readCaptureText,
  seededRandom,
} from '../../test/fixtures/ami-captures.js';

interface Run {
  frames: AmiFrame[];
  rejects: Array<[AmiRejectReason, string]>;
  banners: string[];
  parser: AmiFrameParser;
}

function run(maxFrameBytes?: number): Run {
  const r: Run = { frames: [], rejects: [], banners: [], parser: undefined as unknown as AmiFrameParser };
  r.parser = new AmiFrameParser({
    ...(maxFrameBytes === undefined ? {} : { maxFrameBytes }),
    onFrame: (f) => r.frames.push(f),
    onReject: (reason, detail) => r.rejects.push([reason, detail]),
    onBanner: (b) => r.banners.push(b),
  });
  return r;
}

describe('AmiFrameParser', () => {
  it('reads the banner, then frames with header names in their original case', () => {
    const r = run();
    r.parser.push(
      'Asterisk Call Manager/12.0.0\r\nResponse: Success\r\nActionID: dash-0001\r\nMessage: Authentication accepted\r\n\r\n',
    );
    r.parser.end();
    expect(r.banners).toEqual(['Asterisk Call Manager/12.0.0']);
    expect(r.frames).toEqual([{ Response: 'Success', ActionID: 'dash-0001', Message: 'Authentication accepted' }]);
    expect(r.rejects).toEqual([]);
  });

  it('accepts bare LF line ends, empty values, colons inside values; the first of a repeated header wins', () => {
    const r = run();
    r.parser.push('Event: VarSet\nValue: \nVariable: a:b: c\nChanVariable: x=1\nChanVariable: y=2\nAccountCode:\n\n');
    expect(r.frames).toEqual([
      { Event: 'VarSet', Value: '', Variable: 'a:b: c', ChanVariable: 'x=1', AccountCode: '' },
    ]);
    expect(r.banners).toEqual([]);
  });

  it('decodes a UTF-8 character split across two chunks', () => {
    const bytes = Buffer.from('Event: QueueMemberPause\r\nPausedReason: Pause déjeuner\r\n\r\n', 'utf8');
    const split = bytes.indexOf(Buffer.from('é', 'utf8')) + 1; // between the two bytes of é
    const r = run();
    r.parser.push(bytes.subarray(0, split));
    r.parser.push(bytes.subarray(split));
    expect(r.frames).toEqual([{ Event: 'QueueMemberPause', PausedReason: 'Pause déjeuner' }]);
  });

  it('rejects a malformed line and resynchronises at the next blank line, keeping the frames around it', () => {
    const r = run();
    r.parser.push('Event: A\r\n\r\nEvent: B\r\nthis line has no colon\r\nUniqueid: 1\r\n\r\nEvent: C\r\n\r\n');
    expect(r.frames.map((f) => f.Event)).toEqual(['A', 'C']);
    expect(r.rejects.map(([reason]) => reason)).toEqual(['malformed_line']);
    expect(r.rejects[0]![1]).toContain('this line has no colon');
  });

  it.each([
    [': no key\r\n', 'empty key'],
    ['Key : spaced\r\n', 'space before the colon'],
    ['Key: a\rb\r\n', 'bare CR inside a line'],
  ])('rejects %j (%s)', (line) => {
    const r = run();
    r.parser.push(`Event: X\r\n${line}\r\nEvent: Y\r\n\r\n`);
    expect(r.frames.map((f) => f.Event)).toEqual(['Y']);
    expect(r.rejects.map(([reason]) => reason)).toEqual(['malformed_line']);
  });

  it('with bare LF line ends too: a CR inside a line is rejected, UTF-8 decoded', () => {
    const r = run();
    r.parser.push(Buffer.from('Event: A\nKey: a\rb\n\nEvent: B\nPausedReason: réunion\n\n', 'utf8'));
    expect(r.frames).toEqual([{ Event: 'B', PausedReason: 'réunion' }]);
    expect(r.rejects.map(([reason]) => reason)).toEqual(['malformed_line']);
  });

  it('a whole capture with LF line ends gives the same frames as with CRLF', () => {
    const text = readCaptureText('pause-unpause.ami.txt');
    const crlf = parseChunks(Buffer.from(text, 'utf8'));
    const random = seededRandom(7);
    const lf = parseChunks(Buffer.from(text.replaceAll('\r\n', '\n'), 'utf8'), () => 1 + Math.floor(random() * 4096));
    expect(lf.frames).toEqual(crlf.frames);
    expect(lf.frames.length).toBeGreaterThan(100);
    expect(lf.rejects).toEqual([]);
  });

  it('rejects a frame with neither Event nor Response', () => {
    const r = run();
    r.parser.push('Foo: bar\r\n\r\nEvent: Ok\r\n\r\n');
    expect(r.frames.map((f) => f.Event)).toEqual(['Ok']);
    expect(r.rejects.map(([reason]) => reason)).toEqual(['missing_type']);
  });

  it('rejects a frame cut short by the next one (no blank line) and keeps the next one', () => {
    const r = run();
    r.parser.push('Event: Cut\r\nChannel: x\r\nEvent: Whole\r\nUniqueid: 2\r\n\r\n');
    expect(r.frames).toEqual([{ Event: 'Whole', Uniqueid: '2' }]);
    expect(r.rejects.map(([reason]) => reason)).toEqual(['truncated']);
  });

  it('rejects a frame left unfinished at the end of the stream', () => {
    const r = run();
    r.parser.push('Event: Done\r\n\r\nEvent: Partial\r\nUniq');
    r.parser.end();
    expect(r.frames.map((f) => f.Event)).toEqual(['Done']);
    expect(r.rejects.map(([reason]) => reason)).toEqual(['truncated']);
  });

  it('rejects an oversized frame, in one chunk or dribbled, and resynchronises', () => {
    for (const chunk of [100_000, 7, 1]) {
      const r = run(1024);
      const big = `Event: Big\r\n${'Variable: ' + 'x'.repeat(2000)}\r\nMore: y\r\n\r\nEvent: After\r\n\r\n`;
      const bytes = Buffer.from(big);
      for (let i = 0; i < bytes.length; i += chunk) r.parser.push(bytes.subarray(i, i + chunk));
      r.parser.end();
      expect(r.frames.map((f) => f.Event)).toEqual(['After']);
      expect(r.rejects.map(([reason]) => reason)).toEqual(['oversized']);
    }
  });

  it('rejects a huge line without any line feed and never holds more than the limit', () => {
    const r = run(4096);
    for (let i = 0; i < 100; i++) r.parser.push(Buffer.alloc(1000, 0x41));
    r.parser.push('\r\n\r\nEvent: Alive\r\n\r\n');
    expect(r.frames.map((f) => f.Event)).toEqual(['Alive']);
    expect(r.rejects.map(([reason]) => reason)).toEqual(['oversized']);
  });

  it('the blank line that resynchronises may itself be split across chunks', () => {
    const r = run();
    r.parser.push('Event: X\r\nno colon\r\n\r');
    r.parser.push('\nEvent: Y\r\n\r\n');
    expect(r.frames.map((f) => f.Event)).toEqual(['Y']);
  });

  it('parses every capture identically whatever the chunk sizes (1 byte .. 64 KiB), without a reject', () => {
    const random = seededRandom(20_261_128);
    for (const file of captureFiles()) {
      const bytes = readCapture(file);
      const whole = parseChunks(bytes);
      expect(whole.rejects).toEqual([]);
      expect(whole.banners).toEqual(['Asterisk Call Manager/12.0.0']);
      const expectedFrames = readCaptureText(file)
        .split('\r\n\r\n')
        .filter((block) => block.includes(': ')).length;
      expect(whole.frames).toHaveLength(expectedFrames);
      // One byte at a time only for the smaller captures: busy-a would take seconds for nothing more.
      for (const maxChunk of bytes.length < 200_000 ? [1, 13, 1500, 65_536] : [13, 1500, 65_536]) {
        const chunked = parseChunks(bytes, () => 1 + Math.floor(random() * maxChunk));
        expect(chunked.frames).toEqual(whole.frames);
        expect(chunked.rejects).toEqual([]);
      }
    }
  });
});

describe('AmiFrameParser fuzz (seeded: a failure prints its seed)', () => {
  const goodFrames: string[] = readCaptureText('busy-a.ami.txt')
    .split('\r\n\r\n')
    .filter((block) => block.startsWith('Event: ') || block.startsWith('Response: '))
    .slice(0, 400)
    .map((block) => `${block}\r\n\r\n`);

  const eventFrames = goodFrames.filter((f) => f.startsWith('Event: '));
  /** `blankLine: false`: the garbage runs straight into the next good frame. */
  type Garbage = { bytes: Buffer; expect: AmiRejectReason | 'any'; blankLine?: false };

  function garbage(random: () => number): Garbage {
    const pick = Math.floor(random() * 8);
    const int = (n: number) => Math.floor(random() * n);
    switch (pick) {
      case 0: {
        // Random bytes, line feeds included: anything may come out of it but a crash.
        const bytes = Buffer.alloc(1 + int(300));
        for (let i = 0; i < bytes.length; i++) bytes[i] = int(256);
        return { bytes, expect: 'any' };
      }
      case 1: {
        // A frame truncated mid-line, then the blank line (a sender cut off and restarted).
        const frame = goodFrames[int(goodFrames.length)]!;
        return {
          bytes: Buffer.from(`${frame.slice(0, 1 + int(frame.length - 8)).replace(/\r?\n?$/, '')}X`),
          expect: 'any',
        };
      }
      case 2:
        return {
          bytes: Buffer.from(`Event: Huge\r\nData: ${'z'.repeat(70_000 + int(50_000))}\r\n`),
          expect: 'oversized',
        };
      case 3:
        return { bytes: Buffer.from('Event: CrOnly\rChannel: x\rUniqueid: 1\r'), expect: 'any' };
      case 4:
        return { bytes: Buffer.from(`no colon at all ${int(1e9)}\r\n`), expect: 'malformed_line' };
      case 5:
        return { bytes: Buffer.from(`Channel: orphan\r\nUniqueid: ${int(1e9)}\r\n`), expect: 'missing_type' };
      case 6: {
        // An event frame cut after a whole line, with no blank line: the next frame follows at once.
        const lines = goodFrames.filter((f) => f.startsWith('Event: '))[int(100)]!.split('\r\n');
        return {
          bytes: Buffer.from(`${lines.slice(0, 1 + int(lines.length - 3)).join('\r\n')}\r\n`),
          expect: 'truncated',
          blankLine: false,
        };
      }
      default: {
        // A huge line of binary without any line feed.
        const bytes = Buffer.alloc(66_000 + int(10_000));
        for (let i = 0; i < bytes.length; i++) {
          const b = int(256);
          bytes[i] = b === 0x0a ? 0x20 : b;
        }
        return { bytes, expect: 'oversized' };
      }
    }
  }

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'seed %i: every good frame comes out, in order; rejects are counted by reason',
    (seed) => {
      const random = seededRandom(seed);
      const parts: Buffer[] = [Buffer.from('Asterisk Call Manager/12.0.0\r\n')];
      const expectedGood: string[] = [];
      const expectedReasons = new Map<AmiRejectReason, number>();
      for (let i = 0; i < 300; i++) {
        if (random() < 0.25) {
          const g = garbage(random);
          // Whatever the garbage, a blank line ends it: that is where the parser must resync.
          parts.push(g.bytes);
          if (g.blankLine !== false) parts.push(Buffer.from('\r\n\r\n'));
          if (g.expect !== 'any') expectedReasons.set(g.expect, (expectedReasons.get(g.expect) ?? 0) + 1);
        }
        // After a frame cut short, only an Event frame can be told apart (a second Event line).
        const candidates =
          parts.length > 1 && !parts[parts.length - 1]!.toString('latin1').endsWith('\r\n\r\n')
            ? eventFrames
            : goodFrames;
        const frame = candidates[Math.floor(random() * candidates.length)]!;
        parts.push(Buffer.from(frame));
        expectedGood.push(frame);
      }
      const stream = Buffer.concat(parts);

      const r = run();
      for (let pos = 0; pos < stream.length;) {
        const size = 1 + Math.floor(random() * (random() < 0.5 ? 64 : 65_536));
        r.parser.push(stream.subarray(pos, pos + size));
        pos += size;
      }
      r.parser.end();

      // The good frames appear in order (garbage may add frames of its own between them).
      const serialised = r.frames.map(
        (f) =>
          Object.entries(f)
            .map(([k, v]) => `${k}: ${v}`)
            .join('\r\n') + '\r\n\r\n',
      );
      let cursor = 0;
      for (const good of expectedGood) {
        const at = serialised.indexOf(good, cursor);
        expect({ seed, missing: at < 0 ? good.slice(0, 80) : null }).toEqual({ seed, missing: null });
        cursor = at + 1;
      }
      const counted = new Map<AmiRejectReason, number>();
      for (const [reason] of r.rejects) counted.set(reason, (counted.get(reason) ?? 0) + 1);
      for (const [reason, n] of expectedReasons) expect(counted.get(reason) ?? 0).toBeGreaterThanOrEqual(n);
      expect(r.banners).toHaveLength(1);
    },
  );
});
