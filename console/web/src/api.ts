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

async function call<T>(service: Service, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = session.token();
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
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
