// Settings that log a console into the lab as one of its operators. Used by `npm start`
// (scripts/console.sh) and by the browser tier, so both run the console exactly alike.
import type { Settings } from '../common/settings/schema.js';
import type { LabManifest } from './manifest.js';

/** The lab's PBX control for switchboard hours (Kamailio JSON-RPC; the token is made per lab run). */
export function labPbxControl(m: LabManifest, lab: { rpcToken: string; promptDir: string }): NonNullable<Settings['switchboardHours']>['pbx'] {
  return { kind: 'kamailio-jsonrpc', url: `http://${m.sipDomain}:${m.ports.sipWs}/RPC`, token: lab.rpcToken, promptDir: lab.promptDir };
}

export function labConsoleSettings(m: LabManifest, operatorIndex = 0): Settings {
  const op = m.operators[operatorIndex];
  if (!op) throw new Error(`lab.json has no operator #${operatorIndex}`);
  return {
    version: 1,
    locale: 'sv',
    displayName: op.displayName,
    accounts: [{ id: op.username, label: 'Labbet', username: op.username, password: op.password, domain: m.sipDomain, servers: [m.wsUrl] }],
    switchboards: m.switchboards.map((s) => ({
      id: s.id,
      municipality: s.municipality,
      numbers: s.numbers,
      dialledFrom: ['to', 'request-uri'],
    })),
    internalNumberPattern: '^[1-9][0-9]{3}$',
    directory: { kind: 'none' },
    audio: { talkOutputId: '', talkInputId: '', ringOutputId: '' },
    // the lab's trunk: outside line "0", then the number as dialled from Sweden (kamailio.cfg route[PSTNOUT])
    dialout: { outsidePrefix: m.pstnOut.prefix, numberFormat: 'from-sweden' },
  };
}
