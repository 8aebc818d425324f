// Validates and dispatches contract calls for either host. A bad payload never reaches a handler:
// the caller gets an 'invalid-payload' error naming the field, and the log gets the method name only
// (payloads can hold call data, P-SECRECY).
import { z } from 'zod';
import { methods, type Envelope, type MethodInput, type MethodName, type MethodOutput } from '../../../common/ipc/contract';
import type { Logger } from '../log/logger';

export type Handlers = {
  [M in MethodName]: (input: z.output<(typeof methods)[M]['input']>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export type Dispatch = (method: string, input: unknown) => Promise<Envelope<unknown>>;

export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(payload)'}: ${issue.message}`)
    .join('; ');
}

export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async (method, input) => {
    if (!Object.hasOwn(methods, method)) {
      log.warn('ipc.unknown-method', { method: method.slice(0, 64) });
      return { ok: false, error: { code: 'unknown-method', message: `Unknown method: ${method.slice(0, 64)}` } };
    }
    const name = method as MethodName;
    const parsed = methods[name].input.safeParse(input);
    if (!parsed.success) {
      const message = `Invalid payload for ${name}: ${describeZodError(parsed.error)}`;
      log.warn('ipc.invalid-payload', { method: name, issues: parsed.error.issues.length });
      return { ok: false, error: { code: 'invalid-payload', message } };
    }
    try {
      const handler = handlers[name] as (input: unknown) => unknown;
      const value = await handler(parsed.data as MethodInput<typeof name>);
      return { ok: true, value: methods[name].output.parse(value) };
    } catch (error) {
      log.error('ipc.handler-failed', { method: name, error: error instanceof Error ? error.name : 'unknown' });
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'handler-failed', message: `${name} failed: ${message}` } };
    }
  };
}
