// The organisation skeleton both municipalities share (names are invented but plausible):
// förvaltning -> units, with titles, search words, opening hours and shared numbers.
import type { Municipality, OpeningHours } from './types.js';

export interface UnitSpec {
  name: string;
  /** Relative headcount. */
  weight: number;
  titles: string[];
  /** Words callers use; "{unit}" is replaced by the unit name. */
  roleWords: string[];
  hours: 'office' | 'school' | 'always';
  reception?: boolean;
  onCall?: string;
  /** A manager title; the first person in the unit gets it and "{title} {unit}" as role word. */
  head?: string;
}

export interface ForvaltningSpec {
  name: string;
  units: UnitSpec[];
}

const SCHOOLS: Record<Municipality, string[]> = {
  essunga: ['Nossebroskolan', 'Bragnumskolan', 'Hagaskolan'],
  grastorp: ['Ekebackeskolan', 'Tengeneskolan', 'Trollbäcksskolan'],
};

export const OPENING_HOURS: Record<UnitSpec['hours'], OpeningHours[]> = {
  office: [
    { days: [1, 2, 3, 4], open: '08:00', close: '16:30' },
    { days: [5], open: '08:00', close: '15:00' },
  ],
  school: [{ days: [1, 2, 3, 4, 5], open: '07:30', close: '16:00' }],
  always: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }],
};

export function forvaltningar(m: Municipality): ForvaltningSpec[] {
  const schools = SCHOOLS[m].map<UnitSpec>((s) => ({
    name: s,
    weight: 10,
    titles: ['lärare', 'förskollärare', 'fritidspedagog', 'specialpedagog', 'skolsköterska'],
    roleWords: ['skola', '{unit}'],
    hours: 'school',
    reception: true,
    head: 'rektor',
  }));
  return [
    {
      name: 'Kommunledningsförvaltningen',
      units: [
        { name: 'Kansli', weight: 4, titles: ['nämndsekreterare', 'kommunsekreterare', 'registrator'], roleWords: ['diarium', 'allmänna handlingar'], hours: 'office', head: 'kanslichef' },
        { name: 'Ekonomi', weight: 4, titles: ['ekonom', 'redovisningsekonom', 'controller'], roleWords: ['fakturor', 'budget'], hours: 'office', head: 'ekonomichef' },
        { name: 'HR', weight: 3, titles: ['HR-konsult', 'lönehandläggare'], roleWords: ['lön', 'rekrytering'], hours: 'office', head: 'HR-chef' },
        { name: 'Medborgarservice', weight: 3, titles: ['kommunvägledare', 'växeltelefonist'], roleWords: ['kontaktcenter', 'reception'], hours: 'office', reception: true },
      ],
    },
    {
      name: 'Barn- och utbildningsförvaltningen',
      units: [...schools, { name: 'Elevhälsan', weight: 3, titles: ['kurator', 'skolpsykolog', 'skolsköterska'], roleWords: ['elevhälsa', 'kurator'], hours: 'office' }],
    },
    {
      name: 'Socialförvaltningen',
      units: [
        {
          name: 'Individ- och familjeomsorg',
          weight: 6,
          titles: ['socialsekreterare', 'familjebehandlare'],
          roleWords: ['försörjningsstöd', 'socialtjänst'],
          hours: 'office',
          onCall: 'Socialjour',
          head: 'enhetschef',
        },
        {
          name: 'Hemtjänst',
          weight: 12,
          titles: ['undersköterska', 'vårdbiträde', 'samordnare'],
          roleWords: ['hemtjänst', 'trygghetslarm'],
          hours: 'always',
          onCall: 'Hemtjänst larm',
          head: 'enhetschef',
        },
        {
          name: 'Äldreboendet Solbacken',
          weight: 10,
          titles: ['undersköterska', 'sjuksköterska', 'aktivitetssamordnare'],
          roleWords: ['särskilt boende', '{unit}'],
          hours: 'always',
          onCall: 'Sjuksköterska jour',
          head: 'enhetschef',
        },
        { name: 'LSS', weight: 5, titles: ['stödassistent', 'personlig assistent', 'LSS-handläggare'], roleWords: ['LSS', 'personlig assistans'], hours: 'office' },
      ],
    },
    {
      name: 'Samhällsbyggnadsförvaltningen',
      units: [
        {
          name: 'Bygg och miljö',
          weight: 4,
          titles: ['bygglovshandläggare', 'miljöinspektör', 'byggnadsinspektör'],
          roleWords: ['bygglov', 'miljötillsyn'],
          hours: 'office',
          reception: true,
          head: 'bygglovschef',
        },
        { name: 'Gata och park', weight: 4, titles: ['gatuingenjör', 'parkarbetare', 'arbetsledare'], roleWords: ['snöröjning', 'gatubelysning'], hours: 'office', onCall: 'VA-jour' },
        { name: 'Kost', weight: 4, titles: ['kock', 'måltidsbiträde'], roleWords: ['skolmat', 'kost'], hours: 'office', head: 'kostchef' },
      ],
    },
    {
      name: 'Kultur- och fritidsförvaltningen',
      units: [
        { name: 'Biblioteket', weight: 2, titles: ['bibliotekarie', 'biblioteksassistent'], roleWords: ['bibliotek', 'lånekort'], hours: 'office', reception: true },
        { name: 'Fritid', weight: 2, titles: ['fritidsledare', 'badmästare'], roleWords: ['fritidsgård', 'simhall'], hours: 'office' },
      ],
    },
  ];
}

export const NOTES = [
  'Nås bäst förmiddagar.',
  'Arbetar deltid måndag–onsdag.',
  'Hänvisa bygglovsfrågor till telefontiden 09–10.',
  'Föredrar e-post.',
  'Ring mobilen vid brådskande ärenden.',
  'Har telefontid tisdagar 13–14.',
];
