import * as http from 'node:http';

export interface RawRequest {
  method: string;
  // Path and query exactly as sent (already percent-encoded where needed).
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  // The body parsed as JSON, or undefined when it is not JSON.
  json: unknown;
}

// One HTTP request with full control over what goes on the wire (no client-side JSON encoding,
// header defaults or redirects). Rejects on a socket error.
export function rawRequest(base: string, agent: http.Agent, request: RawRequest): Promise<RawResponse> {
  const body = typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body;
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      `${base}${request.path}`,
      {
        method: request.method,
        agent,
        headers: { ...request.headers, ...(body && { 'content-length': String(body.length) }) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
