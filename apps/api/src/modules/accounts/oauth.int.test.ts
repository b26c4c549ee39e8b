import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { OAuth2Server } from 'oauth2-mock-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashToken } from '../../platform/crypto';
import {
  bearer,
  createTestApp,
  createUser,
  lastMailTo,
  refreshCookieOf,
  tokenFromMail,
  uniqueSuffix,
  type TestApp,
} from '../../testing/test-app';
import { oauthFlows } from './accounts.tables';

type Provider = 'kakao' | 'naver' | 'google';
const PUBLIC = 'http://dongne.test';

/** Kakao and Naver as the server sees them; the token endpoint insists on client_secret_post. */
function createKoreanProviderFake() {
  const codes = new Map<string, { provider: Provider; profile: unknown }>();
  const tokens = new Map<string, { provider: Provider; profile: unknown }>();
  const readBody = async (request: IncomingMessage) => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    return Object.fromEntries(new URLSearchParams(body));
  };
  const server: Server = createServer(async (request, response) => {
    const json = (status: number, body: unknown) =>
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const [, provider, ...rest] = (request.url ?? '').split('?')[0]!.split('/') as [string, Provider, ...string[]];
    const path = rest.join('/');
    if (request.method === 'POST' && path === 'token') {
      const form = await readBody(request);
      const grant = codes.get(form.code ?? '');
      codes.delete(form.code ?? '');
      const clientOk = form.client_id === `${provider}-id` && form.client_secret === `${provider}-secret`;
      const redirectOk = form.redirect_uri === `${PUBLIC}/api/auth/oauth/${provider}/callback`;
      if (form.code === 'explode') return json(500, { message: 'internal' });
      if (
        !grant ||
        grant.provider !== provider ||
        !clientOk ||
        !redirectOk ||
        form.grant_type !== 'authorization_code'
      ) {
        // Naver answers errors with 200; Kakao with 400.
        return json(provider === 'naver' ? 200 : 400, { error: 'invalid_grant', error_description: 'bad code' });
      }
      const accessToken = `${provider}-at-${uniqueSuffix()}`;
      tokens.set(accessToken, grant);
      return json(200, { access_token: accessToken, token_type: 'bearer', expires_in: 21599 });
    }
    if (request.method === 'GET' && (path === 'v2/user/me' || path === 'v1/nid/me')) {
      const grant = tokens.get(/^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '');
      if (!grant || grant.provider !== provider) return json(401, { msg: 'this access token does not exist' });
      if (grant.profile === 'fail') return json(503, { msg: 'down' });
      return json(200, grant.profile);
    }
    json(404, {});
  });
  return {
    server,
    issue(provider: Provider, profile: unknown) {
      const code = `code-${uniqueSuffix()}`;
      codes.set(code, { provider, profile });
      return code;
    },
  };
}

let t: TestApp;
const fake = createKoreanProviderFake();
const google = new OAuth2Server();
let googleClaims: Record<string, unknown> = {};
let googleTokenFailure = false;
const googleIssued = new Set<string>();
const googleTokenRequests: { body: Record<string, string>; authorization: string | undefined }[] = [];

beforeAll(async () => {
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
  const fakeUrl = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
  await google.issuer.keys.generate('RS256');
  await google.start(0, '127.0.0.1');
  google.service.on(
    'beforeResponse',
    (
      response: { body: Record<string, unknown>; statusCode: number },
      req: IncomingMessage & { body: Record<string, string> },
    ) => {
      googleTokenRequests.push({ body: { ...req.body }, authorization: req.headers.authorization });
      if (googleTokenFailure) Object.assign(response, { statusCode: 400, body: { error: 'invalid_grant' } });
      else googleIssued.add(String(response.body.access_token));
    },
  );
  google.service.on('beforeUserinfo', (response: { body: unknown; statusCode: number }, req: IncomingMessage) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (googleIssued.has(token)) response.body = googleClaims;
    else Object.assign(response, { statusCode: 401, body: { error: 'invalid_token' } });
  });
  const endpoints = {
    kakao: [fakeUrl + '/kakao', 'v2/user/me'],
    naver: [fakeUrl + '/naver', 'v1/nid/me'],
    google: [google.issuer.url, 'userinfo'],
  };
  const env: Record<string, string> = {};
  for (const [provider, [base, profilePath]] of Object.entries(endpoints)) {
    const upper = provider.toUpperCase();
    env[`${upper}_CLIENT_ID`] = `${provider}-id`;
    env[`${upper}_CLIENT_SECRET`] = `${provider}-secret`;
    env[`${upper}_AUTHORIZE_URL`] = `${base}/authorize`;
    env[`${upper}_TOKEN_URL`] = `${base}/token`;
    env[`${upper}_PROFILE_URL`] = `${base}/${profilePath}`;
  }
  t = await createTestApp({ env, captureLogs: true });
});
afterAll(async () => {
  await t?.close();
  await google.stop();
  await new Promise((resolve) => fake.server.close(resolve));
});
beforeEach(() => void (googleTokenFailure = false));

const STATE_COOKIE = 'dongne_oauth_state';
const stateCookieOf = (response: LightMyRequestResponse) =>
  response.cookies.find((c) => c.name === STATE_COOKIE)?.value ?? '';
const locationOf = (response: LightMyRequestResponse) => new URL(String(response.headers.location));

async function start(provider: string, returnTo?: string) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/auth/oauth/${provider}/start`,
    query: returnTo ? { returnTo } : {},
  });
  return { response, state: locationOf(response).searchParams.get('state') ?? '', cookie: stateCookieOf(response) };
}

const callback = (provider: string, query: Record<string, string>, cookie?: string) =>
  t.app.inject({
    method: 'GET',
    url: `/api/auth/oauth/${provider}/callback`,
    query,
    cookies: cookie ? { [STATE_COOKIE]: cookie } : {},
  });

/** The provider's part of the flow: the user consents and the provider hands a code back. */
async function codeFor(provider: Provider, profile: unknown, authorizationUrl: URL): Promise<string> {
  if (provider !== 'google') return fake.issue(provider, profile);
  googleClaims = profile as Record<string, unknown>;
  const consent = await fetch(authorizationUrl, { redirect: 'manual' });
  return new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
}

/** A whole sign-in: start, consent, callback (the browser carries the state cookie). */
async function socialLogin(
  provider: Provider,
  profile: unknown,
  options: { returnTo?: string; extra?: Record<string, string> } = {},
) {
  const started = await start(provider, options.returnTo);
  const code = await codeFor(provider, profile, locationOf(started.response));
  return callback(provider, { ...options.extra, code, state: started.state }, started.cookie);
}

const oauthErrorOf = (response: LightMyRequestResponse) => locationOf(response).searchParams.get('oauthError');

async function meAfter(response: LightMyRequestResponse) {
  expect(response.statusCode).toBe(302);
  const refreshed = await t.app.inject({
    method: 'POST',
    url: '/api/auth/refresh',
    cookies: { dongne_refresh: refreshCookieOf(response) },
  });
  expect(refreshed.statusCode).toBe(200);
  return (await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(refreshed.json().accessToken) })).json();
}

async function verifiedUser(overrides: { email?: string; nickname?: string } = {}) {
  const user = await createUser(t.app, overrides);
  const mail = await lastMailTo(t, user.user.email!, 'email_verification');
  const token = decodeURIComponent(tokenFromMail(mail!.textBody));
  const verified = await t.app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token } });
  expect(verified.statusCode).toBe(204);
  return user;
}

const kakaoProfile = (id: number, account: Record<string, unknown> = {}) => ({
  id,
  kakao_account: { profile: { nickname: '카카오 주민' }, ...account },
});
const naverProfile = (id: string, response: Record<string, unknown> = {}) => ({
  resultcode: '00',
  message: 'success',
  response: { id, nickname: '네이버주민', ...response },
});
const googleProfile = (sub: string, claims: Record<string, unknown> = {}) => ({
  sub,
  name: 'Google Neighbour',
  ...claims,
});
const newKakaoId = () => Number(`9${Date.now() % 1e9}${Math.floor(Math.random() * 1000)}`);
const userCount = async () =>
  (await t.database.handle.db.execute<{ n: number }>(sql`select count(*)::int as n from users`)).rows[0]!.n;

const linkedOf = async (headers: { authorization: string }) =>
  (await t.app.inject({ method: 'GET', url: '/api/me', headers })).json().linkedProviders;
const setFlow = (state: string, patch: Partial<typeof oauthFlows.$inferInsert>) =>
  t.database.handle.db
    .update(oauthFlows)
    .set(patch)
    .where(eq(oauthFlows.stateHash, hashToken(state)));
async function startLink(provider: Provider, headers: { authorization: string }, returnTo?: string) {
  const url = `/api/auth/oauth/${provider}/link`;
  const response = await t.app.inject({ method: 'POST', url, headers, query: returnTo ? { returnTo } : {} });
  const state = response.statusCode === 200 ? new URL(response.json().authorizationUrl).searchParams.get('state') : '';
  return { response, state: state ?? '', cookie: stateCookieOf(response) };
}

describe('configuration and start', () => {
  it('lists the configured providers; a server without them lists none and refuses to start', async () => {
    const providers = (await t.app.inject({ method: 'GET', url: '/api/auth/providers' })).json();
    expect(providers).toEqual({
      password: true,
      providers: ['kakao', 'naver', 'google'].map((name) => ({ name, startUrl: `/api/auth/oauth/${name}/start` })),
    });
    const bare = await createTestApp();
    try {
      expect((await bare.app.inject({ method: 'GET', url: '/api/auth/providers' })).json().providers).toEqual([]);
      const refused = await bare.app.inject({ method: 'GET', url: '/api/auth/oauth/kakao/start' });
      expect(refused.statusCode).toBe(404);
      expect(refused.json().code).toBe('oauth.provider_not_found');
    } finally {
      await bare.close();
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/oauth/facebook/start' })).statusCode).toBe(404);
  });

  it('redirects to Kakao with state and no PKCE, binds the state to the browser and stores only its hash', async () => {
    const { response, state, cookie } = await start('kakao');
    expect(response.statusCode).toBe(302);
    const url = locationOf(response);
    expect(url.pathname).toBe('/kakao/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'kakao-id',
      redirect_uri: `${PUBLIC}/api/auth/oauth/kakao/callback`,
    });
    expect(url.searchParams.has('code_challenge')).toBe(false);
    expect(state.length).toBeGreaterThanOrEqual(40);
    expect(cookie).toBe(state);
    expect(response.cookies.find((c) => c.name === STATE_COOKIE)).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/api/auth/oauth',
    });
    const rows = await t.database.handle.db
      .select()
      .from(oauthFlows)
      .where(eq(oauthFlows.stateHash, hashToken(state)));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(state);
  });

  it('redirects to Google with PKCE (S256) and the OpenID scopes', async () => {
    const url = locationOf((await start('google')).response);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('scope')).toBe('openid email profile');
  });
});

describe('callback refusals', () => {
  it('refuses a missing, foreign, unbound, wrong-provider, reused or expired state, without a session', async () => {
    const a = await start('kakao');
    const b = await start('kakao');
    const code = () => fake.issue('kakao', kakaoProfile(newKakaoId()));
    const attempts = [
      await callback('kakao', { code: code() }, a.cookie),
      await callback('kakao', { code: code(), state: b.state }, a.cookie),
      await callback('kakao', { code: code(), state: a.state }),
      await callback('naver', { code: code(), state: a.state }, a.cookie),
    ];
    for (const response of attempts) {
      expect(response.statusCode).toBe(302);
      expect(`${locationOf(response).origin}${locationOf(response).pathname}`).toBe(`${PUBLIC}/login`);
      expect(oauthErrorOf(response)).toBe('oauth.state_mismatch');
      expect(refreshCookieOf(response)).toBe('');
    }
    const first = await callback('kakao', { code: code(), state: a.state }, a.cookie);
    expect(refreshCookieOf(first)).not.toBe('');
    const replay = await callback('kakao', { code: code(), state: a.state }, a.cookie);
    expect(oauthErrorOf(replay)).toBe('oauth.state_mismatch');
    expect(refreshCookieOf(replay)).toBe('');

    const old = await start('kakao');
    await setFlow(old.state, { expiresAt: new Date(Date.now() - 1000) });
    const expired = await callback('kakao', { code: code(), state: old.state }, old.cookie);
    expect(oauthErrorOf(expired)).toBe('oauth.state_expired');
    expect(refreshCookieOf(expired)).toBe('');
  });

  it('turns a provider error into an error redirect and spends the state', async () => {
    const denied = await start('naver');
    const response = await callback(
      'naver',
      { error: 'access_denied', error_description: 'Canceled By User', state: denied.state },
      denied.cookie,
    );
    expect(oauthErrorOf(response)).toBe('oauth.provider_denied');
    expect(refreshCookieOf(response)).toBe('');
    const later = await callback(
      'naver',
      { code: fake.issue('naver', naverProfile('n-late')), state: denied.state },
      denied.cookie,
    );
    expect(oauthErrorOf(later)).toBe('oauth.state_mismatch');
    const broken = await start('google');
    expect(oauthErrorOf(await callback('google', { error: 'server_error', state: broken.state }, broken.cookie))).toBe(
      'oauth.provider_error',
    );
  });

  it('turns token and profile endpoint failures into oauth.provider_error, never a 500', async () => {
    const usersBefore = await userCount();
    for (const [provider, code] of [
      ['kakao', 'not-issued'],
      ['kakao', 'explode'],
      ['naver', 'not-issued'],
      ['kakao', fake.issue('kakao', 'fail')],
    ] as const) {
      const started = await start(provider);
      const response = await callback(provider, { code, state: started.state }, started.cookie);
      expect(response.statusCode).toBe(302);
      expect(oauthErrorOf(response)).toBe('oauth.provider_error');
    }
    googleTokenFailure = true;
    expect(oauthErrorOf(await socialLogin('google', googleProfile('g-fail')))).toBe('oauth.provider_error');
    expect(await userCount()).toBe(usersBefore);
  });

  it('sends the PKCE verifier and Basic client credentials to Google; a wrong verifier fails', async () => {
    const started = await start('google');
    const code = await codeFor('google', googleProfile('g-pkce'), locationOf(started.response));
    await setFlow(started.state, { codeVerifier: 'x'.repeat(64) });
    expect(oauthErrorOf(await callback('google', { code, state: started.state }, started.cookie))).toBe(
      'oauth.provider_error',
    );

    const ok = await socialLogin('google', googleProfile(`g-${uniqueSuffix()}`));
    expect(oauthErrorOf(ok)).toBeNull();
    const request = googleTokenRequests.at(-1)!;
    expect(request.body.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(request.body.redirect_uri).toBe(`${PUBLIC}/api/auth/oauth/google/callback`);
    expect(request.authorization).toBe(`Basic ${Buffer.from('google-id:google-secret').toString('base64')}`);
  });
});

describe('sign-in and new accounts', () => {
  it('creates an account from a verified Kakao profile, signs in, and finds it again next time', async () => {
    const id = newKakaoId();
    const email = `kakao${uniqueSuffix()}@kakao.test`;
    const profile = kakaoProfile(id, {
      email,
      is_email_valid: true,
      is_email_verified: true,
      profile: { nickname: '동네 주민!!' },
    });
    const first = await socialLogin('kakao', profile, { returnTo: '/spaces?date=2030-01-01' });
    expect(String(first.headers.location)).toBe(`${PUBLIC}/spaces?date=2030-01-01#oauth=success`);
    const me = await meAfter(first);
    expect(me).toMatchObject({ email, emailVerified: true, hasPassword: false, linkedProviders: ['kakao'] });
    expect(me.nickname).toMatch(/^동네_주민\d*$/);
    const second = await socialLogin('kakao', profile, { returnTo: '//evil.example/steal' });
    expect(String(second.headers.location)).toBe(`${PUBLIC}/#oauth=success`);
    expect((await meAfter(second)).id).toBe(me.id);
  });

  it('makes a taken or unusable nickname valid and unique', async () => {
    const taken = `Taken${uniqueSuffix()}`.slice(0, 14);
    await createUser(t.app, { nickname: taken });
    const me = await meAfter(
      await socialLogin('naver', naverProfile(`n-${uniqueSuffix()}`, { nickname: taken.toUpperCase() })),
    );
    expect(me.nickname).not.toBe(taken.toUpperCase());
    expect(me.nickname).toMatch(new RegExp(`^${taken.toUpperCase()}\\d{4,}$`));
    expect(me.nickname.length).toBeLessThanOrEqual(20);
    const fallback = await meAfter(await socialLogin('google', googleProfile(`g-${uniqueSuffix()}`, { name: '🙂' })));
    expect(fallback.nickname).toMatch(/^구글이웃\d*$/);
  });

  it('keeps no e-mail the provider did not verify, even when it matches a local account', async () => {
    const local = await verifiedUser();
    const before = await userCount();
    const response = await socialLogin(
      'google',
      googleProfile(`g-${uniqueSuffix()}`, { email: local.user.email, email_verified: false }),
    );
    const me = await meAfter(response);
    expect(me.id).not.toBe(local.user.id);
    expect(me).toMatchObject({ email: null, emailVerified: false, linkedProviders: ['google'] });
    expect(await userCount()).toBe(before + 1);
    expect(await linkedOf(local.headers)).toEqual([]);
    const unclaimed = `free${uniqueSuffix()}@kakao.test`;
    const kakaoUnverified = kakaoProfile(newKakaoId(), {
      email: unclaimed,
      is_email_valid: true,
      is_email_verified: false,
    });
    expect(await meAfter(await socialLogin('kakao', kakaoUnverified))).toMatchObject({
      email: null,
      emailVerified: false,
    });
  });

  it('does not link to a local account whose e-mail is unverified: a separate account without the address', async () => {
    const local = await createUser(t.app);
    const profile = naverProfile(`n-${uniqueSuffix()}`, { email: local.user.email });
    const me = await meAfter(await socialLogin('naver', profile));
    expect(me.id).not.toBe(local.user.id);
    expect(me).toMatchObject({ email: null, emailVerified: false, linkedProviders: ['naver'] });
    expect(await linkedOf(local.headers)).toEqual([]);
  });

  it('ignores profile data the browser adds to the callback', async () => {
    const victim = await verifiedUser();
    const response = await socialLogin('kakao', kakaoProfile(newKakaoId()), {
      extra: {
        email: victim.user.email!,
        email_verified: 'true',
        is_email_verified: 'true',
        id: '1',
        sub: victim.user.id,
        nickname: victim.user.nickname,
      },
    });
    expect(locationOf(response).pathname).toBe('/');
    const me = await meAfter(response);
    expect(me.id).not.toBe(victim.user.id);
    expect(me).toMatchObject({ email: null, emailVerified: false });
    expect(me.nickname).not.toBe(victim.user.nickname);
  });
});

describe('linking to an existing account', () => {
  it('asks the owner of a verified account for the password before linking a verified provider e-mail', async () => {
    const local = await verifiedUser();
    const before = await userCount();
    const profile = googleProfile(`g-${uniqueSuffix()}`, {
      email: local.user.email!.toUpperCase(),
      email_verified: true,
    });
    const response = await socialLogin('google', profile);
    const url = locationOf(response);
    expect(`${url.origin}${url.pathname}`).toBe(`${PUBLIC}/login/link`);
    expect(url.searchParams.get('provider')).toBe('google');
    const ticket = url.searchParams.get('ticket')!;
    expect(ticket.length).toBeGreaterThanOrEqual(40);
    expect(refreshCookieOf(response)).toBe('');
    expect(await userCount()).toBe(before);

    const confirm = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/oauth/link/confirm', payload: { ticket, password } });
    const wrong = await confirm('wrong-pass1!');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('account.wrong_password');
    expect(await linkedOf(local.headers)).toEqual([]);

    const right = await confirm(local.password);
    expect(right.statusCode).toBe(200);
    expect(right.json().user).toMatchObject({ id: local.user.id, linkedProviders: ['google'] });
    expect(refreshCookieOf(right)).not.toBe('');
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: bearer(right.json().accessToken) });
    expect(me.json().linkedProviders).toEqual(['google']);

    const reused = await confirm(local.password);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('oauth.link_ticket_invalid');
    expect((await meAfter(await socialLogin('google', profile))).id).toBe(local.user.id);
  });

  it('refuses an unknown ticket', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/oauth/link/confirm',
      payload: { ticket: 'made-up', password: 'pass1234!' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('oauth.link_ticket_invalid');
  });

  it('lets a signed-in user with a verified e-mail link a provider', async () => {
    const unverified = await createUser(t.app);
    const refused = (await startLink('naver', unverified.headers)).response;
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('oauth.email_unverified');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/oauth/naver/link' })).statusCode).toBe(401);

    const user = await verifiedUser();
    expect(await linkedOf(user.headers)).toEqual([]);
    const started = await startLink('naver', user.headers, '/me/account');
    expect(started.response.statusCode).toBe(200);
    const profile = naverProfile(`n-${uniqueSuffix()}`, { email: `someone${uniqueSuffix()}@naver.test` });
    const code = fake.issue('naver', profile);
    const response = await callback('naver', { code, state: started.state }, started.cookie);
    expect(String(response.headers.location)).toBe(`${PUBLIC}/me/account#oauth=linked`);
    expect(await linkedOf(user.headers)).toEqual(['naver']);
    expect((await meAfter(await socialLogin('naver', profile))).id).toBe(user.user.id);
    const again = (await startLink('naver', user.headers)).response;
    expect(again.json().code).toBe('oauth.provider_already_linked');
  });

  it('refuses to link an identity that already belongs to another user', async () => {
    const profile = kakaoProfile(newKakaoId());
    const owner = await meAfter(await socialLogin('kakao', profile));
    const other = await verifiedUser();
    const started = await startLink('kakao', other.headers);
    const response = await callback(
      'kakao',
      { code: fake.issue('kakao', profile), state: started.state },
      started.cookie,
    );
    expect(oauthErrorOf(response)).toBe('oauth.identity_in_use');
    expect(await linkedOf(other.headers)).toEqual([]);
    expect((await meAfter(await socialLogin('kakao', profile))).id).toBe(owner.id);
  });
});

describe('secrets', () => {
  it('logs no code, state, ticket or provider token', async () => {
    const started = await start('kakao');
    const code = fake.issue('kakao', kakaoProfile(newKakaoId()));
    await callback('kakao', { code, state: started.state }, started.cookie);
    const logs = t.logs.join('\n');
    expect(logs).toContain('oauth');
    for (const secret of [code, started.state, 'kakao-at-', 'kakao-secret', 'google-secret'])
      expect(logs).not.toContain(secret);
  });
});
