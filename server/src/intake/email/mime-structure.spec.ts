import { mimeStructureProblems } from './mime-structure.js';

const ok = 'From: a@exemple.fr\r\nTo: contact@ville-issy.fr\r\nSubject: test\r\n\r\nBonjour\r\n';

describe('mimeStructureProblems', () => {
  it('accepts a plain message and folded headers', () => {
    expect(mimeStructureProblems(Buffer.from(ok))).toEqual([]);
    expect(
      mimeStructureProblems(Buffer.from('From: a@exemple.fr\r\nSubject: un sujet\r\n  sur deux lignes\r\n\r\nx')),
    ).toEqual([]);
  });

  it('accepts a complete multipart', () => {
    const raw =
      'From: a@exemple.fr\nContent-Type: multipart/mixed; boundary="XYZ"\n\n--XYZ\nContent-Type: text/plain\n\nBonjour\n--XYZ--\n';
    expect(mimeStructureProblems(Buffer.from(raw))).toEqual([]);
  });

  it.each([
    ['no separator', 'From: a@exemple.fr', 'pas de séparation entre en-têtes et corps'],
    ['no From', 'To: contact@ville-issy.fr\r\n\r\nx', 'en-tête From absent'],
    ['garbage header', 'From: a@exemple.fr\r\nthis is not a header\r\n\r\nx', "ligne d'en-tête illisible"],
    [
      'multipart without boundary',
      'From: a@exemple.fr\r\nContent-Type: multipart/mixed\r\n\r\nx',
      'multipart sans délimiteur (boundary)',
    ],
    [
      'truncated multipart',
      'From: a@exemple.fr\r\nContent-Type: multipart/mixed; boundary=B1\r\n\r\n--B1\r\nContent-Type: text/plain\r\n\r\nBonj',
      'multipart tronqué',
    ],
  ])('refuses %s', (_name, raw, problem) => {
    expect(mimeStructureProblems(Buffer.from(raw)).join('\n')).toContain(problem);
  });
});
