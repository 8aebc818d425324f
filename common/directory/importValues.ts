// Reading one cell of an import: the protected-identity flag (fail closed), role words, the
// combined "Förvaltning / Enhet" column and a full name. Shared by the CSV and the LDAP import.
//
// Protected identity: only a clear yes or no counts. Anything else ("kanske", "?", "-", "ja?",
// "2") rejects the row with its reason; it is never imported as unprotected. An EMPTY cell (or an
// absent LDAP attribute) means "not protected": HR exports and AD write the mark only for the
// protected, and the import has already refused a source with no recognised protected column, so
// an empty cell here is the export's own "no" in a column that exists.

const YES = new Set(['ja', 'j', 'yes', 'y', 'true', 'sant', '1', 'x', 'skyddad', 'skyddadidentitet', 'sekretess', 'sekretessmarkerad', 'sekretessmarkering', 'protected', 'confidential']);
const NO = new Set(['nej', 'n', 'no', 'false', 'falskt', '0', 'ejskyddad', 'inteskyddad', 'oskyddad', 'notprotected']);

const key = (v: string) =>
  v
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s_-]+/g, '');

export type ProtectedValue = { ok: true; protectedIdentity: boolean } | { ok: false; reason: string };

/** The protected flag of a cell: a clear yes or no in Swedish or English, empty = no. */
export function readProtected(raw: string | undefined): ProtectedValue {
  const value = (raw ?? '').trim();
  if (value === '') return { ok: true, protectedIdentity: false };
  const k = key(value);
  if (YES.has(k)) return { ok: true, protectedIdentity: true };
  if (NO.has(k)) return { ok: true, protectedIdentity: false };
  // The value is the operator's own data about a protected person's flag; it is quoted short.
  return { ok: false, reason: `protected identity must be a clear yes or no (Ja/Nej, Yes/No, 1/0, X), not "${value.slice(0, 20)}"` };
}

/** Role words separated by ';', ',' or '|'. */
export function splitRoles(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(/[;,|]/)
    .map((w) => w.trim())
    .filter(Boolean);
}

/** "Samhällsbyggnad / Bygg" (or with '/', '>', '»', '|', '\') → förvaltning and unit; deeper paths keep the rest as the unit. */
export function splitForvaltningUnit(raw: string | undefined): { forvaltning: string; unit: string } {
  const parts = (raw ?? '')
    .split(/\s*[/>»|\\]\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  return { forvaltning: parts[0] ?? '', unit: parts.slice(1).join(' / ') };
}

/** "Sjögren, Åsa" → surname first; "Åsa Maria Sjögren" → the last word is the surname. */
export function splitFullName(raw: string | undefined): { givenName: string; surname: string } {
  const value = (raw ?? '').trim().replace(/\s+/g, ' ');
  const comma = value.indexOf(',');
  if (comma >= 0) return { surname: value.slice(0, comma).trim(), givenName: value.slice(comma + 1).trim() };
  const words = value.split(' ').filter(Boolean);
  const surname = words.pop() ?? '';
  return { givenName: words.join(' '), surname };
}
