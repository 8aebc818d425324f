// The machine's audio outputs for the talk/ring selects. Labels can be empty before the page has
// had microphone permission; the device id is still valid, so such entries get a numbered name.
import { useEffect, useState } from 'react';
import { reportLog } from '../../platform/vaxel';

export interface AudioOutput {
  readonly id: string;
  readonly label: string;
}

export function useAudioOutputs(): AudioOutput[] {
  const [outputs, setOutputs] = useState<AudioOutput[]>([]);
  useEffect(() => {
    let live = true;
    if (!navigator.mediaDevices?.enumerateDevices) {
      reportLog({ level: 'warn', code: 'setup.devices-unavailable' });
      return;
    }
    navigator.mediaDevices
      .enumerateDevices()
      .then((devices) => {
        const list = devices.filter((d) => d.kind === 'audiooutput' && d.deviceId && d.deviceId !== 'default').map((d, i) => ({ id: d.deviceId, label: d.label || `#${i + 1}` }));
        if (live) setOutputs(list);
      })
      .catch((error: unknown) => reportLog({ level: 'warn', code: 'setup.devices-failed', detail: { error: error instanceof Error ? error.name : 'unknown' } }));
    return () => {
      live = false;
    };
  }, []);
  return outputs;
}
