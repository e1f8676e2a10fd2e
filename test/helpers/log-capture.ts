import type { DestinationStream } from 'pino';

export type LogEntry = Record<string, unknown> & { level: string; msg?: string };

// A log destination for tests: keeps every line the app writes, each parsed as JSON (a line that
// is not JSON makes `entries` throw).
export class LogCapture implements DestinationStream {
  private readonly lines: string[] = [];

  write(chunk: string): void {
    for (const line of chunk.split('\n')) if (line !== '') this.lines.push(line);
  }

  get text(): string {
    return this.lines.join('\n');
  }

  get entries(): LogEntry[] {
    return this.lines.map((line) => JSON.parse(line) as LogEntry);
  }

  forRequest(requestId: string): LogEntry[] {
    return this.entries.filter((entry) => entry.request_id === requestId);
  }

  clear(): void {
    this.lines.length = 0;
  }
}
