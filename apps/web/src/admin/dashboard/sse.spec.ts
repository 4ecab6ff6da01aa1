import { SseParser } from './sse';

describe('SseParser', () => {
  it('reads events split anywhere across chunks, with CRLF or LF, skipping comments and other fields', () => {
    const parser = new SseParser();
    const text = ': hello\r\nid: 1\r\nevent: stats\r\ndata: {"checkedIn":1}\r\n\r\nevent: stats\ndata: {"a":\ndata: 2}\n\ndata: plain\n\n';
    const events = [];
    for (let i = 0; i < text.length; i += 7) events.push(...parser.push(text.slice(i, i + 7)));
    expect(events).toEqual([
      { event: 'stats', data: '{"checkedIn":1}' },
      { event: 'stats', data: '{"a":\n2}' },
      { event: 'message', data: 'plain' },
    ]);
  });

  it('keeps an unfinished event until its blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('event: error\ndata: {"error":"unavailable"}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ event: 'error', data: '{"error":"unavailable"}' }]);
  });
});
