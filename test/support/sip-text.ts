// Raw SIP text helpers for the scripted WebSocket peers in the Node tier: read a header, and build
// a stateless reply to a request (the To tag added when the request had none).

export function header(msg: string, name: string): string {
  return new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(msg)?.[1]?.trim() ?? '';
}

export function reply(request: string, status: string, extra: string[] = []): string {
  const to = header(request, 'To');
  return [
    `SIP/2.0 ${status}`,
    `Via: ${header(request, 'Via')}`,
    `From: ${header(request, 'From')}`,
    `To: ${to.includes('tag=') ? to : `${to};tag=srv1`}`,
    `Call-ID: ${header(request, 'Call-ID')}`,
    `CSeq: ${header(request, 'CSeq')}`,
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}
