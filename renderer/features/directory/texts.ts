// The directory panel's interface texts, Swedish first. Kept beside the panel (not in common/i18n)
// so the panel's accessible names live with the tests that use them; the locale follows i18next.
import { useTranslation } from 'react-i18next';

const sv = {
  municipality: 'Kommun',
  allMunicipalities: 'Alla kommuner',
  essunga: 'Essunga',
  grastorp: 'Grästorp',
  unit: 'Enhet',
  allUnits: 'Alla enheter',
  results: 'Sökresultat',
  noHits: 'Ingen träff',
  typeToSearch: 'Skriv ett namn, en enhet, ett sökord eller ett nummer.',
  hitCount: (n: number, more: boolean) => (more ? `Minst ${n} träffar` : n === 1 ? '1 träff' : `${n} träffar`),
  extension: 'ankn.',
  presenceUnknown: 'närvaro okänd',
  card: 'Kontaktkort',
  cardHint: 'Välj en träff med pilarna och Enter för att visa kontaktkortet.',
  protected: 'Skyddad identitet – lämna inte ut uppgifter',
  protectedShort: 'Skyddad identitet',
  direct: 'Direktnummer',
  mobile: 'Mobil',
  extensionLong: 'Anknytning',
  shared: 'Nummer',
  copyDirect: 'Kopiera direktnummer',
  copyMobile: 'Kopiera mobilnummer',
  copyShared: 'Kopiera nummer',
  copied: (what: string, value: string) => `${what} ${value} kopierat`,
  copyFailed: 'Numret kunde inte kopieras',
  noNumbers: 'Inga nummer att lämna ut',
  unit_: 'Enhet',
  roleWords: 'Sökord',
  notes: 'Anteckning',
  openingHours: 'Öppettider',
  noOpeningHours: 'Öppettider saknas i katalogen',
  notices: 'Meddelanden från enheten',
  noNotices: 'Inga meddelanden',
  presence: 'Närvaro',
  presencePending: 'Uppgift saknas (frånvarokoder kommer senare)',
  email: 'E-post',
  days: ['', 'mån', 'tis', 'ons', 'tor', 'fre', 'lör', 'sön'],
  updated: (age: string) => `Katalogen uppdaterad ${age}`,
  neverUpdated: 'Katalogen har inte uppdaterats än',
  entries: (n: number) => `${n} poster`,
  syncing: 'Uppdaterar…',
  syncNow: 'Uppdatera katalogen',
  syncFailed: (why: string, message: string) => `Senaste uppdateringen misslyckades: ${why} (${message}). Sparad katalog används.`,
  errorCodes: {
    unreachable: 'källan gick inte att nå',
    auth: 'inloggningen till katalogservern nekades',
    'empty-result': 'källan gav inga poster',
    'invalid-data': 'källan innehöll felaktiga uppgifter',
    failed: 'okänt fel',
  } as Record<string, string>,
  searchFailed: 'Sökningen misslyckades',
  age: (ms: number) => {
    const min = Math.floor(ms / 60000);
    if (min < 1) return 'nyss';
    if (min < 60) return `för ${min} min sedan`;
    const h = Math.floor(min / 60);
    if (h < 48) return `för ${h} h sedan`;
    return `för ${Math.floor(h / 24)} dagar sedan`;
  },
};

export type DirectoryTexts = typeof sv;

const en: DirectoryTexts = {
  ...sv,
  municipality: 'Municipality',
  allMunicipalities: 'All municipalities',
  unit: 'Unit',
  allUnits: 'All units',
  results: 'Search results',
  noHits: 'No match',
  typeToSearch: 'Type a name, unit, keyword or number.',
  hitCount: (n, more) => (more ? `At least ${n} matches` : n === 1 ? '1 match' : `${n} matches`),
  extension: 'ext.',
  presenceUnknown: 'presence unknown',
  card: 'Contact card',
  cardHint: 'Pick a match with the arrow keys and Enter to show the contact card.',
  protected: 'Protected identity – do not give out any details',
  protectedShort: 'Protected identity',
  direct: 'Direct number',
  mobile: 'Mobile',
  extensionLong: 'Extension',
  shared: 'Number',
  copyDirect: 'Copy direct number',
  copyMobile: 'Copy mobile number',
  copyShared: 'Copy number',
  copied: (what, value) => `${what} ${value} copied`,
  copyFailed: 'The number could not be copied',
  noNumbers: 'No numbers to give out',
  unit_: 'Unit',
  roleWords: 'Keywords',
  notes: 'Note',
  openingHours: 'Opening hours',
  noOpeningHours: 'No opening hours in the directory',
  notices: 'Notices from the unit',
  noNotices: 'No notices',
  presence: 'Presence',
  presencePending: 'Not available (absence codes come later)',
  email: 'E-mail',
  days: ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  updated: (age) => `Directory updated ${age}`,
  neverUpdated: 'The directory has not been updated yet',
  entries: (n) => `${n} entries`,
  syncing: 'Updating…',
  syncNow: 'Update the directory',
  syncFailed: (why, message) => `The last update failed: ${why} (${message}). The saved directory is used.`,
  errorCodes: { unreachable: 'the source could not be reached', auth: 'the directory server refused the login', 'empty-result': 'the source returned no entries', 'invalid-data': 'the source held invalid data', failed: 'unknown error' },
  searchFailed: 'The search failed',
  age: (ms) => {
    const min = Math.floor(ms / 60000);
    if (min < 1) return 'just now';
    if (min < 60) return `${min} min ago`;
    const h = Math.floor(min / 60);
    return h < 48 ? `${h} h ago` : `${Math.floor(h / 24)} days ago`;
  },
};

export function useDirectoryTexts(): DirectoryTexts {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? en : sv;
}
