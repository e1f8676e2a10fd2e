export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

// Parses the Prometheus text exposition format; throws on a line it does not understand.
export function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`Not a Prometheus sample: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key] = value;
    // Prometheus parses values like Go's ParseFloat: NaN and Inf in any case (prom-client writes
    // "Nan" for an event-loop lag it has not measured yet).
    const token = match[3].toLowerCase();
    const value = token === 'nan' ? NaN : token === '+inf' || token === 'inf' ? Infinity : token === '-inf' ? -Infinity : Number(match[3]);
    if (Number.isNaN(value) && token !== 'nan') throw new Error(`Not a number: ${line}`);
    samples.push({ name: match[1], labels, value });
  }
  return samples;
}

export function sampleValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find(
    (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  )?.value;
}
