/** The HTTP API seen from the test process (Node fetch), for setting up state the browser then shows. */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined when the body is empty or not JSON. */
  json: T | undefined;
  text: string;
}

export class Api {
  constructor(readonly baseURL: string) {}

  async request<T = Record<string, unknown>>(
    method: string,
    url: string,
    init: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(new URL(url, this.baseURL), {
      method,
      redirect: 'manual',
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await response.text();
    let json: T | undefined;
    try {
      json = text ? (JSON.parse(text) as T) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text };
  }

  get<T = Record<string, unknown>>(url: string, init?: { token?: string; headers?: Record<string, string> }) {
    return this.request<T>('GET', url, init);
  }

  post<T = Record<string, unknown>>(
    url: string,
    body?: unknown,
    init?: { token?: string; headers?: Record<string, string> },
  ) {
    return this.request<T>('POST', url, { ...init, body });
  }
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  nickname: string;
  /** The access token from signup (valid for ACCESS_TOKEN_TTL_SECONDS). */
  accessToken: string;
}

/** Fresh credentials nobody has used: a unique e-mail and nickname, a password the rules accept. */
export function newCredentials() {
  const id = randomBytes(4).toString('hex');
  return { email: `e2e-${id}@example.com`, password: `e2e-Pass-${id}1!`, nickname: `이웃${id}` };
}

/** Signs a new user up through POST /api/auth/signup. */
export async function createUser(
  api: Api,
  overrides: Partial<{ email: string; password: string; nickname: string }> = {},
): Promise<TestUser> {
  const credentials = { ...newCredentials(), ...overrides };
  const response = await api.post<{ user: { id: string }; accessToken: string }>('/api/auth/signup', credentials);
  expect(response.status, `signup of ${credentials.email} failed: ${response.text}`).toBe(201);
  return { ...credentials, id: response.json!.user.id, accessToken: response.json!.accessToken };
}

/** A demo account seeded by SEED_DEMO=true (the e2e server seeds them). */
export const DEMO_USER = { email: 'minjun@dongne.dev', password: 'dongne123!' } as const;
