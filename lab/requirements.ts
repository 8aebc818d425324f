// The lab runs real Debian packages. Missing ones fail early with the install command.
import fs from 'node:fs';

export const APT_INSTALL = 'apt-get install kamailio kamailio-websocket-modules kamailio-presence-modules kamailio-sqlite-modules ' + 'kamailio-extra-modules rtpengine-daemon sip-tester chromium';

const KAMAILIO_MODULES = '/usr/lib/x86_64-linux-gnu/kamailio/modules';

export const REQUIRED_FILES: Record<string, string> = {
  '/usr/sbin/kamailio': 'kamailio',
  [`${KAMAILIO_MODULES}/websocket.so`]: 'kamailio-websocket-modules',
  [`${KAMAILIO_MODULES}/presence_dialoginfo.so`]: 'kamailio-presence-modules',
  [`${KAMAILIO_MODULES}/db_sqlite.so`]: 'kamailio-sqlite-modules',
  [`${KAMAILIO_MODULES}/alias_db.so`]: 'kamailio-extra-modules',
  '/usr/bin/rtpengine': 'rtpengine-daemon',
  '/usr/bin/sipp': 'sip-tester',
  '/usr/bin/chromium': 'chromium',
  '/usr/bin/sqlite3': 'sqlite3',
};

export function assertLabPackages(): void {
  const missing = Object.entries(REQUIRED_FILES).filter(([f]) => !fs.existsSync(f));
  if (missing.length) {
    throw new Error(
      `The switchboard lab needs Debian packages that are missing: ` +
        `${[...new Set(missing.map(([, p]) => p))].join(', ')} (${missing.map(([f]) => f).join(', ')}).\n` +
        `Install with: ${APT_INSTALL} sqlite3`,
    );
  }
}
