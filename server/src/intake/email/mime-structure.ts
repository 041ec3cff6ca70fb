/**
 * Structural checks of a raw RFC 5322 message, before it is parsed. mailparser is lenient
 * by design (it turns almost anything into some text), so a truncated multipart or a body
 * without headers would otherwise become a request with half its content. Returns the
 * problems found (empty when the structure is sound).
 */
export function mimeStructureProblems(raw: Buffer): string[] {
  const text = raw.toString('latin1');
  const separator = /\r?\n\r?\n/.exec(text);
  if (!separator) return ['pas de séparation entre en-têtes et corps'];
  const headerBlock = text.slice(0, separator.index);
  const body = text.slice(separator.index + separator[0].length);
  const problems: string[] = [];
  const headers = new Map<string, string>();
  let current: string | null = null;
  for (const line of headerBlock.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && current) {
      headers.set(current, `${headers.get(current)} ${line.trim()}`);
      continue;
    }
    const match = /^([!-9;-~]+):(.*)$/.exec(line);
    if (!match) {
      problems.push(`ligne d'en-tête illisible : ${JSON.stringify(line.slice(0, 60))}`);
      break;
    }
    current = match[1]!.toLowerCase();
    headers.set(current, match[2]!.trim());
  }
  if (!headers.has('from')) problems.push('en-tête From absent');
  const contentType = headers.get('content-type') ?? '';
  if (/^\s*multipart\//i.test(contentType)) {
    const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
    const value = boundary?.[1] ?? boundary?.[2];
    if (!value) problems.push('multipart sans délimiteur (boundary)');
    else {
      if (!body.includes(`--${value}`)) problems.push('multipart : aucune partie trouvée');
      else if (!body.includes(`--${value}--`)) problems.push('multipart tronqué : délimiteur de fin absent');
    }
  }
  return problems;
}
