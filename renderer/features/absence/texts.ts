// Busy lamp and absence texts, Swedish (the accessible names the end-to-end tests use).
import type { LampState } from '../../../common/presence';

export const LAMP_TEXT: Record<LampState, string> = {
  idle: 'Ledig',
  ringing: 'Ringer',
  busy: 'Upptagen',
  unknown: 'Status okänd',
};

export const T = {
  lampLabel: (state: string) => `Linje: ${state}`,
  available: 'Ingen frånvaro',
  say: 'Säg',
  lastKnown: (age: string) => `Senast känd ${age} (ingen kontakt med växelservern)`,
  code: 'Koda frånvaro',
  pickup: 'Plocka upp',
  dialog: (name: string) => `Koda frånvaro för ${name}`,
  reason: 'Frånvaroorsak',
  clear: 'Ingen frånvaro (rensa)',
  returnAt: 'Tillbaka kl.',
  note: 'Anteckning',
  save: 'Spara',
  cancel: 'Avbryt',
  badTime: 'Skriv tiden som 13, 1300 eller 13.30',
  saved: (name: string, what: string) => `Frånvaro för ${name}: ${what}`,
  refused: 'Växelservern nekade: kontot får inte koda frånvaro för andra',
  failed: 'Frånvaron kunde inte sparas',
  offline: 'Ingen kontakt med växelservern – frånvaron sparades inte',
  noPickup: 'Inget samtal att plocka upp',
  pickedUp: (ext: string) => `Plockade upp samtal hos ${ext}`,
  noNumber: 'Anknytning saknas – ingen närvaro',
  favourites: 'Favoriter',
  noFavourites: 'Inga favoriter. Lägg till anknytningar i inställningarna eller bevaka en enhet från kontaktkortet.',
  watchedUnit: (name: string) => `Bevakad enhet: ${name}`,
  unwatchUnit: 'Sluta bevaka',
  watchUnit: 'Bevaka enhet',
  watchingUnit: (count: number, name: string) => `Bevakar ${count} anknytningar i ${name}`,
  watchUnitFailed: 'Enheten kunde inte hämtas ur katalogen',
  staleNotice: (who: string, why: string) => `Inaktuell frånvaro för ${who}: ${why}`,
  pickupPrefix: (target: string) => `Plockar upp med prefix: ${target}`,
};
