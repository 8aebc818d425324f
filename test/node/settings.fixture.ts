// Shared by the settings and web-host tests. Not a test file (no .test.ts): importing it runs nothing.
import type { Settings } from '../../common/settings/schema';

export const SAMPLE_PASSWORD = 'hemligt-Lösen-4711';

export const sampleSettings = (): Settings => ({
  version: 1,
  locale: 'sv',
  displayName: 'Växeln Essunga',
  accounts: [{ id: 'a1', label: 'Huvud', username: 'vaxel1', password: SAMPLE_PASSWORD, domain: 'pbx.example', servers: ['wss://pbx.example:7443'] }],
  switchboards: [],
  internalNumberPattern: '^[1-9][0-9]{3}$',
  directory: { kind: 'ldap', url: 'ldaps://ad.example', baseDn: 'dc=example', bindDn: 'cn=svc', bindPassword: 'ldap-secret-99' },
  audio: { talkOutputId: '', talkInputId: '', ringOutputId: '' },
});
