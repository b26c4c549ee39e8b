import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../../testing/test-app';
import { userAddresses } from './addresses.tables';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const home = { label: '집', zipCode: '06236', roadAddress: '서울특별시 강남구 테헤란로 152', detail: '101동 1203호', regionCode: '11680' };
const office = { label: '회사', zipCode: '04524', roadAddress: '서울특별시 중구 세종대로 110', detail: '5층' };

describe('address book', () => {
  it('keeps the detail encrypted at rest and returns it to the owner', async () => {
    const user = await createUser(t.app);
    const created = await t.app.inject({ method: 'POST', url: '/api/me/addresses', headers: user.headers, payload: home });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ...home, isDefault: true });
    const [row] = await t.database.handle.db.select().from(userAddresses).where(eq(userAddresses.id, created.json().id));
    expect(row?.detailEncrypted).toMatch(/^v1\./);
    expect(row?.detailEncrypted).not.toContain('1203');
  });

  it('keeps exactly one default, promoting another when the default is removed', async () => {
    const user = await createUser(t.app);
    const first = (await t.app.inject({ method: 'POST', url: '/api/me/addresses', headers: user.headers, payload: home })).json();
    const second = (await t.app.inject({ method: 'POST', url: '/api/me/addresses', headers: user.headers, payload: { ...office, isDefault: true } })).json();
    let list = (await t.app.inject({ method: 'GET', url: '/api/me/addresses', headers: user.headers })).json().items;
    expect(list.filter((a: { isDefault: boolean }) => a.isDefault).map((a: { id: string }) => a.id)).toEqual([second.id]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/me/addresses/${second.id}`, headers: user.headers })).statusCode).toBe(204);
    list = (await t.app.inject({ method: 'GET', url: '/api/me/addresses', headers: user.headers })).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: first.id, isDefault: true });
  });

  it("404s on someone else's address, and validates the zip code (400)", async () => {
    const owner = await createUser(t.app);
    const stranger = await createUser(t.app);
    const address = (await t.app.inject({ method: 'POST', url: '/api/me/addresses', headers: owner.headers, payload: home })).json();
    expect((await t.app.inject({ method: 'PUT', url: `/api/me/addresses/${address.id}`, headers: stranger.headers, payload: office })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/me/addresses/${address.id}`, headers: stranger.headers })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/me/addresses', headers: owner.headers, payload: { ...home, zipCode: '1234' } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/me/addresses' })).statusCode).toBe(401);
  });

  it('refuses the 21st address (422) and is wiped with the account', async () => {
    const user = await createUser(t.app);
    for (let i = 0; i < 20; i++) {
      expect((await t.app.inject({ method: 'POST', url: '/api/me/addresses', headers: user.headers, payload: { ...office, label: `주소${i}` } })).statusCode).toBe(201);
    }
    const over = await t.app.inject({ method: 'POST', url: '/api/me/addresses', headers: user.headers, payload: office });
    expect(over.statusCode).toBe(422);
    expect(over.json().code).toBe('address.limit_reached');
    await t.app.inject({ method: 'DELETE', url: '/api/me', headers: user.headers, payload: { password: user.password } });
    const rows = await t.database.handle.db.select().from(userAddresses).where(eq(userAddresses.userId, user.user.id));
    expect(rows).toHaveLength(0);
  });
});
