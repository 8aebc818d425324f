// Plays the remote party through an <audio> element on the talk device (the headset).
import { errorName, type ReportLog } from './log';

export interface RemoteAudio {
  attach(stream: MediaStream, sinkId: string): Promise<void>;
  detach(): void;
}

export class AudioElementOutput implements RemoteAudio {
  constructor(
    private readonly element: HTMLAudioElement,
    private readonly log: ReportLog,
  ) {}

  async attach(stream: MediaStream, sinkId: string): Promise<void> {
    this.element.srcObject = stream;
    if (sinkId && typeof this.element.setSinkId === 'function') {
      try {
        await this.element.setSinkId(sinkId);
      } catch (error) {
        // Keep talking on the default device rather than lose the call; say so in the log.
        this.log({ level: 'warn', code: 'audio.sink-failed', detail: { error: errorName(error) } });
      }
    }
    try {
      await this.element.play();
    } catch (error) {
      this.log({ level: 'error', code: 'audio.play-failed', detail: { error: errorName(error) } });
    }
  }

  detach(): void {
    this.element.srcObject = null;
  }
}
