// The demo organisation's data model (lab only). Field names follow the Foundation issue so the
// product's directory model (common/directory/) can map them 1:1.

export type Municipality = 'essunga' | 'grastorp';

/** Opening hours for one set of weekdays (1 = Monday ... 7 = Sunday), local time "HH:MM". */
export interface OpeningHours {
  days: number[];
  open: string;
  close: string;
}

/** A number shared by a unit: a reception, an on-call phone. Not a person. */
export interface SharedNumber {
  kind: 'reception' | 'on-call';
  label: string;
  extension: string;
  directNumber: string;
}

export interface Unit {
  id: string;
  name: string;
  municipality: Municipality;
  /** 'forvaltning' is a top-level administration; 'unit' belongs to one (parentId). */
  kind: 'forvaltning' | 'unit';
  parentId: string | null;
  openingHours: OpeningHours[];
  sharedNumbers: SharedNumber[];
}

export interface Person {
  id: string;
  givenName: string;
  surname: string;
  title: string;
  municipality: Municipality;
  /** Name of the förvaltning (administration) and of the unit within it. */
  forvaltning: string;
  unit: string;
  unitId: string;
  extension: string;
  /** E.164, e.g. +46512572001 for Essunga extension 2001. */
  directNumber: string;
  /** E.164 Swedish mobile, +4670... */
  mobile: string;
  email: string;
  sipUri: string;
  voicemailUri: string;
  /** What callers ask for: "bygglov", "rektor Hagaskolan". */
  roleWords: string[];
  notes: string;
  /** Skyddad identitet: the switchboard must not give out this person's details. */
  protectedIdentity: boolean;
}

export interface DemoOrg {
  seed: number;
  size: number;
  units: Unit[];
  people: Person[];
}

/** CSV header (Swedish, as an HR export has it) -> Person field. */
export const CSV_COLUMNS: ReadonlyArray<readonly [string, keyof Person]> = [
  ['Anställnings-id', 'id'],
  ['Förnamn', 'givenName'],
  ['Efternamn', 'surname'],
  ['Befattning', 'title'],
  ['Kommun', 'municipality'],
  ['Förvaltning', 'forvaltning'],
  ['Enhet', 'unit'],
  ['Anknytning', 'extension'],
  ['Direktnummer', 'directNumber'],
  ['Mobil', 'mobile'],
  ['E-post', 'email'],
  ['SIP-adress', 'sipUri'],
  ['Röstbrevlåda', 'voicemailUri'],
  ['Sökord', 'roleWords'],
  ['Anteckning', 'notes'],
  ['Skyddad identitet', 'protectedIdentity'],
];
