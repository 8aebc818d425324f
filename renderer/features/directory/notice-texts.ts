// Texts of the unit notices and opening hours editors on the contact card (P-CHANGES), Swedish
// first; kept beside them so the accessible names live with the tests that use them.
import { useTranslation } from 'react-i18next';

const sv = {
  newNotice: 'Nytt meddelande till enheten',
  noticeDialog: 'Meddelande från enheten',
  text: 'Text',
  validTo: 'Gäller till',
  validToHint: 'Lämna tomt om meddelandet gäller tills vidare.',
  save: 'Spara',
  cancel: 'Avbryt',
  remove: 'Ta bort',
  until: (when: string) => `t.o.m. ${when}`,
  enteredBy: (who: string, when: string) => `inlagt av ${who} ${when}`,
  editHours: 'Ändra öppettider',
  hoursDialog: 'Öppettider',
  weekly: 'Veckans öppettider',
  opens: (day: string) => `Öppnar ${day}`,
  closes: (day: string) => `Stänger ${day}`,
  closedHint: 'Lämna en dag tom om enheten är stängd.',
  override: 'Tillfälligt ändrade öppettider',
  overrideFrom: 'Från och med',
  overrideTo: 'Till och med',
  overrideOpens: 'Tillfälligt öppnar',
  overrideCloses: 'Tillfälligt stänger',
  overrideHint: 'Lämna tiderna tomma om enheten är stängd under perioden.',
  overrideShown: (from: string, to: string, hours: string) => `Tillfälligt ${from}–${to}: ${hours}`,
  closed: 'stängt',
  noUnit: 'Kortet hör inte till någon enhet',
  saved: 'Sparat',
  failed: (why: string) => `Kunde inte sparas: ${why}`,
  emptyText: 'Skriv en text.',
  badTime: 'Ange både öppnar och stänger, stänger efter öppnar.',
  badRange: 'Ange både från- och till-datum, till efter från.',
  weekdays: ['', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'],
};

export type NoticeTexts = typeof sv;

const en: NoticeTexts = {
  ...sv,
  newNotice: 'New notice for the unit',
  noticeDialog: 'Notice from the unit',
  text: 'Text',
  validTo: 'Valid until',
  validToHint: 'Leave empty if the notice holds until further notice.',
  save: 'Save',
  cancel: 'Cancel',
  remove: 'Remove',
  until: (when) => `until ${when}`,
  enteredBy: (who, when) => `entered by ${who} ${when}`,
  editHours: 'Edit opening hours',
  hoursDialog: 'Opening hours',
  weekly: 'Weekly opening hours',
  opens: (day) => `Opens ${day}`,
  closes: (day) => `Closes ${day}`,
  closedHint: 'Leave a day empty if the unit is closed.',
  override: 'Temporary opening hours',
  overrideFrom: 'From',
  overrideTo: 'To',
  overrideOpens: 'Temporarily opens',
  overrideCloses: 'Temporarily closes',
  overrideHint: 'Leave the times empty if the unit is closed in the period.',
  overrideShown: (from, to, hours) => `Temporarily ${from}–${to}: ${hours}`,
  closed: 'closed',
  noUnit: 'The card belongs to no unit',
  saved: 'Saved',
  failed: (why) => `Could not be saved: ${why}`,
  emptyText: 'Type a text.',
  badTime: 'Give both opens and closes, closes after opens.',
  badRange: 'Give both dates, the end after the start.',
  weekdays: ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

export function useNoticeTexts(): NoticeTexts {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? en : sv;
}
