/** The services' APIs through the console's one origin: /proxy/<service>/api/…, with the signed-in token. */

export type Service = 'build' | 'promotion' | 'retention' | 'catalog';

const TOKEN_KEY = 'layerline.token';

export const session = {
  token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  keep(token: string): void {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  forget(): void {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

/** An answer other than 2xx, with the message the service gave. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function get<T>(service: Service, path: string): Promise<T> {
  return call<T>(service, 'GET', path);
}

export async function post<T>(service: Service, path: string, body?: unknown): Promise<T> {
  return call<T>(service, 'POST', path, body);
}

/** Headers with the signed-in token, when there is one. */
function signed(headers: Record<string, string>): Record<string, string> {
  const token = session.token();
  return token ? { ...headers, Authorization: `Bearer ${token}` } : headers;
}

async function call<T>(service: Service, method: string, path: string, body?: unknown): Promise<T> {
  const headers = signed({ Accept: 'application/json' });
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(`/proxy/${service}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new ApiError(response.status, await messageOf(response));
  }
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

async function messageOf(response: Response): Promise<string> {
  try {
    const body = await response.json();
    const errors = Array.isArray(body.errors) ? body.errors : [];
    const detail = errors.map((e: { field?: string; message?: string }) => `${e.field ?? ''} ${e.message ?? ''}`);
    return [body.message, ...detail].filter(Boolean).join('; ') || `${response.status}`;
  } catch {
    return `${response.status} ${response.statusText}`;
  }
}

export interface SignInVerdict {
  signedIn: boolean;
  reason?: string;
}

/** Asks the console whether the services accept a token; a wrong one is a "no", not a failed request. */
export async function checkToken(token: string): Promise<SignInVerdict> {
  const response = await fetch('/console/sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ token }),
  });
  return (await response.json()) as SignInVerdict;
}

export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * Follows a Server-Sent Events stream with the signed-in token (a browser's EventSource cannot send one), calling
 * {@code onEvent} for each event until the stream ends or {@code signal} aborts it.
 */
export async function follow(service: Service, path: string, onEvent: (event: ServerSentEvent) => void,
                             signal: AbortSignal): Promise<void> {
  const headers = signed({ Accept: 'text/event-stream' });
  const response = await fetch(`/proxy/${service}${path}`, { headers, signal });
  if (!response.ok || !response.body) {
    throw new ApiError(response.status, await messageOf(response));
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    buffered += value.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) {
          event = line.slice(6).trim();
        } else if (line.startsWith('data:')) {
          data.push(line.slice(5).replace(/^ /, ''));
        }
      }
      onEvent({ event, data: data.join('\n') });
    }
  }
}
