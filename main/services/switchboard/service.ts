// Switchboard hours in main (P-AFTERHOURS): evaluates the schedule with an injectable clock, keeps
// the operator's night-service switch, turns each municipality's closed message into a WAV (espeak
// speech, or the admin's recording) and pushes the whole state to the PBX through one
// PbxSwitchboardControl: at start, on every change, and every few minutes (a restarted PBX is
// refilled). Logs carry municipality, operator account and counts only: no call data.
import fs from 'node:fs';
import path from 'node:path';
import type { ClosedMessageView, SwitchboardStatus } from '../../../common/switchboard/ipc';
import { closedMessageText } from '../../../common/switchboard/closedMessage';
import { buildPbxState, type PbxSwitchboardState } from '../../../common/switchboard/pbxState';
import { hoursStateAt } from '../../../common/switchboard/schedule';
import { HoursMunicipality, type SwitchboardHours } from '../../../common/switchboard/schema';
import type { Logger } from '../log/logger';
import { createEspeakSynthesizer, type SpeechSynthesizer } from '../messages/speech';
import type { PbxSwitchboardControl } from './control';
import { readNightState, writeNightState, type NightState } from './nightServiceFile';
import type { TeamShare } from '../team/share';
import { assertWav, speechToWav } from './wav';

export interface SwitchboardServiceOptions {
  control: PbxSwitchboardControl;
  hours: () => SwitchboardHours;
  saveHours: (hours: SwitchboardHours) => Promise<void> | void;
  /** Switchboard numbers per municipality, any format. */
  numbers: () => Partial<Record<HoursMunicipality, readonly string[]>>;
  /** The operator at this console (main's settings); required to switch night service. */
  operator: () => string | undefined;
  dataDir: string;
  log: Logger;
  now?: () => number;
  synthesizer?: SpeechSynthesizer;
  horizonDays?: number;
  /** Re-push period; default 5 minutes. 0: never on a timer. */
  refreshMs?: number;
  /** The shared team store: hours (without this console's PBX control) and night service go to the other consoles. */
  team?: TeamShare;
}

export interface SwitchboardService {
  status(): SwitchboardStatus;
  setNightService(municipality: HoursMunicipality, closed: boolean): Promise<SwitchboardStatus>;
  hours(): SwitchboardHours;
  /** Saves and pushes; a push the PBX refused is reported in status().pbx.lastPush, not thrown. */
  saveHours(hours: SwitchboardHours): Promise<SwitchboardHours>;
  closedMessage(municipality: HoursMunicipality): ClosedMessageView;
  saveClosedMessage(municipality: HoursMunicipality, change: { text: string | null; recordingFile: string | null }): Promise<ClosedMessageView>;
  /** Builds and pushes the state now; resolves with it (rejects when the PBX refused it). */
  push(): Promise<PbxSwitchboardState>;
  /** Makes and installs the closed messages whose text or recording changed. */
  installPrompts(): Promise<void>;
  /** After a settings change: new closed messages (for a PBX that plays them) and a push. Never throws. */
  refresh(): Promise<void>;
  /** refresh(), then the periodic push. Failures are logged and shown in status(), not thrown. */
  start(): Promise<void>;
  close(): void;
}

export function createSwitchboardService(options: SwitchboardServiceOptions): SwitchboardService {
  const { control, log } = options;
  const now = options.now ?? Date.now;
  const nightFile = path.join(options.dataDir, 'switchboard-night.json');
  let night: NightState = readNightState(nightFile, log);
  let lastPush: SwitchboardStatus['pbx']['lastPush'] = null;
  let lastPrompts: SwitchboardStatus['pbx']['lastPrompts'] = null;
  const installed = new Map<HoursMunicipality, string>();
  let timer: ReturnType<typeof setInterval> | null = null;
  let synthesizer = options.synthesizer;

  const build = () => buildPbxState({ hours: options.hours(), now: now(), numbers: options.numbers(), nightService: night, horizonDays: options.horizonDays });

  async function push(): Promise<PbxSwitchboardState> {
    const state = build();
    try {
      await control.apply(state);
      lastPush = { at: now(), ok: true, error: null };
      log.info('switchboard.pushed', { pbx: control.kind, municipalities: state.municipalities.length, intervals: state.municipalities.reduce((n, m) => n + m.closed.length, 0) });
      return state;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      lastPush = { at: now(), ok: false, error: message };
      log.error('switchboard.push-failed', { pbx: control.kind, error: error instanceof Error ? error.name : 'unknown' });
      throw error;
    }
  }

  function status(): SwitchboardStatus {
    const at = now();
    const hours = options.hours();
    const municipalities = HoursMunicipality.options.map((municipality) => {
      const schedule = hoursStateAt(hours[municipality], at);
      const n = night[municipality];
      const byNight = n?.closed === true;
      return {
        municipality,
        open: !byNight && schedule.open,
        closedBy: byNight ? ('night-service' as const) : schedule.open ? null : ('schedule' as const),
        nextChange: byNight ? null : schedule.nextChange,
        nightService: n,
      };
    });
    return { at, municipalities, pbx: { kind: control.kind, playsMessage: control.playsMessage, lastPush, lastPrompts } };
  }

  function closedMessage(municipality: HoursMunicipality): ClosedMessageView {
    const h = options.hours()[municipality];
    const defaultText = closedMessageText(municipality, h.weekly);
    const custom = h.closedMessage.text?.trim() ? h.closedMessage.text : null;
    return { municipality, text: custom ?? defaultText, defaultText, custom: custom !== null, recordingFile: h.closedMessage.recordingFile ?? null };
  }

  async function promptWav(view: ClosedMessageView): Promise<Uint8Array> {
    if (view.recordingFile) {
      const bytes = new Uint8Array(fs.readFileSync(view.recordingFile));
      assertWav(bytes, `the recording for ${view.municipality}`);
      return bytes;
    }
    synthesizer ??= createEspeakSynthesizer();
    return speechToWav(await synthesizer.synthesize(view.text));
  }

  async function installPrompts(): Promise<void> {
    try {
      await installChangedPrompts();
      lastPrompts = { at: now(), ok: true, error: null };
    } catch (error) {
      lastPrompts = { at: now(), ok: false, error: error instanceof Error ? error.message : String(error) };
      log.error('switchboard.prompt-failed', { error: error instanceof Error ? error.name : 'unknown' });
      throw error;
    }
  }

  async function installChangedPrompts(): Promise<void> {
    for (const municipality of HoursMunicipality.options) {
      const view = closedMessage(municipality);
      const key = view.recordingFile ? `file:${view.recordingFile}:${fs.existsSync(view.recordingFile) ? fs.statSync(view.recordingFile).mtimeMs : 0}` : `text:${view.text}`;
      if (installed.get(municipality) === key) continue;
      const wav = await promptWav(view);
      // a copy in the data folder: what a display-only PBX's admin installs by hand
      fs.writeFileSync(path.join(options.dataDir, `closed-${municipality}.wav`), wav);
      await control.installPrompt(municipality, wav);
      installed.set(municipality, key);
      log.info('switchboard.prompt-installed', { municipality, source: view.recordingFile ? 'recording' : 'speech', bytes: wav.length });
    }
  }

  async function refresh(): Promise<void> {
    // speech is made only for a PBX that plays it (a display-only PBX's admin asks for it)
    if (control.playsMessage) await installPrompts().catch(() => undefined);
    await push().catch(() => undefined);
  }

  // Shared with the other consoles (issue 13): what one switches or saves, the others apply and push.
  const team = options.team;
  const shareHours = () => {
    const { pbx: _local, ...shared } = options.hours();
    team?.record('switchboard-hours', 'all', shared);
  };
  team?.register({
    kind: 'night-service',
    apply: (municipality, value) => {
      if (municipality !== 'essunga' && municipality !== 'grastorp') return;
      night = { ...night, [municipality]: (value as NightState[HoursMunicipality]) ?? null };
      writeNightState(nightFile, night);
      void push().catch(() => undefined);
    },
  });
  team?.register({
    kind: 'switchboard-hours',
    apply: (_key, value) => {
      if (!value) return;
      void Promise.resolve(options.saveHours({ ...(value as SwitchboardHours), pbx: options.hours().pbx }))
        .then(() => push())
        .catch((error: unknown) => log.warn('switchboard.shared-hours-failed', { error: error instanceof Error ? error.name : 'unknown' }));
    },
  });

  return {
    status,
    async setNightService(municipality, closed) {
      const by = options.operator();
      if (!by) throw new Error('no operator is signed in: night service needs to know who switched it');
      night = { ...night, [municipality]: { closed, by, at: now() } };
      writeNightState(nightFile, night);
      team?.record('night-service', municipality, night[municipality]);
      log.info(closed ? 'switchboard.closed-by-operator' : 'switchboard.opened-by-operator', { municipality, by });
      // the operator must know when callers do not get what the switch says
      await push().catch((error: unknown) => {
        throw new Error(`switched here, but the PBX did not take it: ${error instanceof Error ? error.message : String(error)}`);
      });
      return status();
    },
    hours: () => options.hours(),
    async saveHours(hours) {
      await options.saveHours(hours);
      shareHours();
      // saved either way; what the PBX did not take shows in status().pbx.lastPrompts / lastPush
      if (control.playsMessage) await installPrompts().catch(() => undefined);
      await push().catch(() => undefined);
      return options.hours();
    },
    closedMessage,
    async saveClosedMessage(municipality, change) {
      if (change.recordingFile) {
        if (!fs.existsSync(change.recordingFile)) throw new Error(`the recording ${change.recordingFile} does not exist`);
        assertWav(new Uint8Array(fs.readFileSync(change.recordingFile)), 'the recording');
      }
      const hours = structuredClone(options.hours());
      hours[municipality].closedMessage = {
        ...(change.text?.trim() ? { text: change.text.trim() } : {}),
        ...(change.recordingFile ? { recordingFile: change.recordingFile } : {}),
      };
      await options.saveHours(hours);
      shareHours();
      await installPrompts();
      return closedMessage(municipality);
    },
    push,
    installPrompts,
    refresh,
    async start() {
      await refresh();
      const every = options.refreshMs ?? 300_000;
      if (every > 0) {
        timer = setInterval(() => void push().catch(() => undefined), every);
        timer.unref?.();
      }
    },
    close() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
