import { performance } from 'node:perf_hooks';

export interface AB {
  a: number; // nanoseconds per operation, median over rounds
  b: number;
}

// Interleaved A/B: rounds alternate A then B (then B then A), so drift of a shared machine hits
// both sides alike; the median round of each side is reported.
export function interleaved(a: () => unknown, b: () => unknown, iterations: number, rounds = 9): AB {
  for (let i = 0; i < iterations / 10; i++) {
    a();
    b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const order: Array<[() => unknown, number[]]> = round % 2 === 0 ? [[a, as], [b, bs]] : [[b, bs], [a, as]];
    for (const [fn, into] of order) into.push(nsPerOp(fn, iterations));
  }
  return { a: median(as), b: median(bs) };
}

export async function interleavedAsync(a: () => Promise<unknown>, b: () => Promise<unknown>, iterations: number, rounds = 9): Promise<AB> {
  for (let i = 0; i < iterations / 10; i++) {
    await a();
    await b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const order: Array<[() => Promise<unknown>, number[]]> = round % 2 === 0 ? [[a, as], [b, bs]] : [[b, bs], [a, as]];
    for (const [fn, into] of order) {
      const start = performance.now();
      for (let i = 0; i < iterations; i++) await fn();
      into.push(((performance.now() - start) * 1e6) / iterations);
    }
  }
  return { a: median(as), b: median(bs) };
}

function nsPerOp(fn: () => unknown, iterations: number): number {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return ((performance.now() - start) * 1e6) / iterations;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

export const us = (ns: number) => `${(ns / 1000).toFixed(2)} µs`;
