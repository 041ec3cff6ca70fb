/**
 * The files a citizen may send: documents and pictures an agent can open safely. Archives,
 * executables and scripts are refused (the usual carriers of malware).
 */
export const ALLOWED_ATTACHMENT_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/heif',
  'image/tiff',
  'text/plain',
  'text/csv',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.spreadsheet',
]);

/** Scanned letters: PDF or image only. */
export const ALLOWED_SCAN_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/tiff',
]);

export function isAllowedAttachment(
  contentType: string,
  allowed: ReadonlySet<string> = ALLOWED_ATTACHMENT_TYPES,
): boolean {
  return allowed.has(contentType.split(';')[0]!.trim().toLowerCase());
}

export function formatBytesFrench(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return `${(bytes / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
  return `${Math.ceil(bytes / 1024).toLocaleString('fr-FR')} ko`;
}
