// Builds window.vaxel from the contract and a transport. Shared by the Electron preload and the
// web host's bridge, so both expose exactly the same methods and nothing else.
import { IpcError, eventNames, methodNames, type Envelope, type EventName, type MethodName, type VaxelApi } from '../common/ipc/contract';

export interface Transport {
  invoke(method: MethodName, input: unknown): Promise<Envelope<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export function createApi(transport: Transport): VaxelApi {
  const api: Record<string, unknown> = {};
  for (const name of methodNames) {
    api[name] = async (input?: unknown) => {
      const envelope = await transport.invoke(name, input);
      if (envelope.ok) return envelope.value;
      throw new IpcError(envelope.error.code, envelope.error.message);
    };
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!eventNames.includes(event)) throw new IpcError('unknown-method', `unknown event: ${String(event)}`);
    return transport.subscribe(event, listener);
  };
  return Object.freeze(api) as unknown as VaxelApi;
}
