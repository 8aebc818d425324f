// The entry card and the search hit as the renderer sees them. This is the one place that decides
// which numbers may be shown and given out (P-NUMBERS), and it hides all of them for a protected
// identity (P-SECRECY): the renderer never receives a protected person's numbers at all.
import type { Person, SharedNumber } from './model';
import { displayName } from './model';
import type { DirectoryEntry, IndexHit, MatchField } from './searchIndex';

export interface CardNumber {
  kind: 'direct' | 'mobile' | 'extension' | 'shared';
  /** E.164 for numbers, digits for an extension. */
  value: string;
  /** May the operator give this number to the caller? (P-NUMBERS: direct and mobile, yes.) */
  giveOut: boolean;
}

export interface EntryCard {
  id: string;
  kind: DirectoryEntry['kind'];
  name: string;
  title: string;
  municipality: Person['municipality'];
  unitId?: string;
  forvaltning: string;
  unit: string;
  roleWords: string[];
  notes: string;
  email?: string;
  numbers: CardNumber[];
  /** SIP URIs to transfer to and to drop messages in; absent for a protected identity. */
  sipUri?: string;
  voicemailUri?: string;
  warning?: 'protected-identity';
}

/** The numbers a card may show. Empty for a protected identity, whatever the entry holds. */
export function cardNumbers(person: Person): CardNumber[] {
  if (person.protectedIdentity) return [];
  const out: CardNumber[] = [];
  if (person.directNumber) out.push({ kind: 'direct', value: person.directNumber, giveOut: true });
  if (person.mobile) out.push({ kind: 'mobile', value: person.mobile, giveOut: true });
  if (person.extension) out.push({ kind: 'extension', value: person.extension, giveOut: false });
  return out;
}

export function personCard(p: Person): EntryCard {
  const hidden = p.protectedIdentity;
  return {
    id: p.id,
    kind: 'person',
    name: displayName(p),
    title: p.title,
    municipality: p.municipality,
    ...(p.unitId !== undefined ? { unitId: p.unitId } : {}),
    forvaltning: p.forvaltning,
    unit: p.unit,
    roleWords: p.roleWords,
    notes: hidden ? '' : p.notes,
    ...(!hidden && p.email ? { email: p.email } : {}),
    numbers: cardNumbers(p),
    ...(!hidden && p.sipUri ? { sipUri: p.sipUri } : {}),
    ...(!hidden && p.voicemailUri ? { voicemailUri: p.voicemailUri } : {}),
    ...(hidden ? { warning: 'protected-identity' as const } : {}),
  };
}

export function sharedCard(s: SharedNumber): EntryCard {
  const numbers: CardNumber[] = [];
  if (s.number) numbers.push({ kind: 'shared', value: s.number, giveOut: true });
  if (s.extension) numbers.push({ kind: 'extension', value: s.extension, giveOut: false });
  return {
    id: s.id,
    kind: 'shared',
    name: s.name,
    title: '',
    municipality: s.municipality,
    ...(s.unitId !== undefined ? { unitId: s.unitId } : {}),
    forvaltning: '',
    unit: '',
    roleWords: s.roleWords,
    notes: s.notes,
    numbers,
  };
}

export function entryCard(entry: DirectoryEntry): EntryCard {
  return entry.kind === 'person' ? personCard(entry.value) : sharedCard(entry.value);
}

export interface DirectoryHit {
  card: EntryCard;
  matched: MatchField;
}

export function toHit(hit: IndexHit): DirectoryHit {
  return { card: entryCard(hit.entry), matched: hit.field };
}
