// The lab's resource lists (RFC 4826) for Kamailio's rls module, provisioned from the directory
// into the `xcap` table (integrated_xcap_server: the module reads the rows, no XCAP HTTP server).
// rls looks an rls-services document up by the WATCHER's account, so every operator gets one row
// with the same services:
//   sip:rl-all@<domain>           every extension of the directory (plus `extra`)
//   sip:rl-unit-<unitId>@<domain> the extensions of one unit
//   sip:rl-fav-<operator>@<domain> the operator's favourites (only when given)
// Each service carries the dialog and presence packages, its list inline (RFC 4826 §4.2).
import type { Person } from '../demo-org/types.js';

/** rls-services and resource-lists doc_type values of the xcap table (kamailio xcap_client). */
export const XCAP_DOC_TYPE = { resourceLists: 1 << 2, rlsServices: 1 << 3 } as const;

export const LIST_USER_ALL = 'rl-all';
export const listUserOfUnit = (unitId: string) => `rl-unit-${unitId}`;
export const listUserOfFavourites = (operator: string) => `rl-fav-${operator}`;

export interface LabLists {
  /** Extensions beyond the directory's people, in the "all" list (benchmarks with 2,000 or 10,000 lamps). */
  readonly extra?: readonly string[];
  /** Favourites per operator account. */
  readonly favourites?: Readonly<Record<string, readonly string[]>>;
  /** More lists by URI user (benchmarks: sip:rl-bench10k@ with 10,000 members). */
  readonly more?: Readonly<Record<string, readonly string[]>>;
}

const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const safeUser = (s: string) => /^[A-Za-z0-9_.+-]{1,64}$/.test(s);

function service(uri: string, domain: string, exts: readonly string[]): string {
  const entries = exts.map((e) => `<entry uri="${xmlAttr(`sip:${e}@${domain}`)}"/>`).join('');
  return `<service uri="${xmlAttr(uri)}"><list>${entries}</list><packages><package>dialog</package><package>presence</package></packages></service>`;
}

/** The rls-services document every operator gets; unit ids that cannot be a URI user are skipped. */
export function rlsServicesDoc(domain: string, people: readonly Person[], lists: LabLists = {}, operator?: string): string {
  const all = [...new Set([...people.map((p) => p.extension).filter(Boolean), ...(lists.extra ?? [])])];
  const byUnit = new Map<string, string[]>();
  for (const p of people) {
    if (!p.extension || !safeUser(listUserOfUnit(p.unitId))) continue;
    const list = byUnit.get(p.unitId) ?? [];
    list.push(p.extension);
    byUnit.set(p.unitId, list);
  }
  const services = [service(`sip:${LIST_USER_ALL}@${domain}`, domain, all)];
  for (const [unitId, exts] of byUnit) services.push(service(`sip:${listUserOfUnit(unitId)}@${domain}`, domain, exts));
  for (const [user, exts] of Object.entries(lists.more ?? {})) if (safeUser(user)) services.push(service(`sip:${user}@${domain}`, domain, exts));
  const fav = operator ? lists.favourites?.[operator] : undefined;
  if (operator && fav?.length) services.push(service(`sip:${listUserOfFavourites(operator)}@${domain}`, domain, fav));
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rls-services xmlns="urn:ietf:params:xml:ns:rls-services" xmlns:rl="urn:ietf:params:xml:ns:resource-lists">${services.join('')}</rls-services>`;
}
