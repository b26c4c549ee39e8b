import { Address, AddressBody, AddressList, Uuid } from '@dongne/contracts';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth';
import type { RouteApp } from '../../platform/http';
import type { AddressesService } from './addresses.service';

const tags = ['me'];
const security = [{ bearer: [] }];
const params = Type.Object({ addressId: Uuid });

export async function addressesRoutes(app: RouteApp, deps: { addresses: AddressesService }) {
  const { addresses } = deps;
  const signedIn = { preHandler: app.authenticate };

  app.get('/api/me/addresses', { ...signedIn, schema: { tags, security, summary: '내 주소록', response: { 200: AddressList } } }, async (request) => ({
    items: await addresses.list(actorOf(request).userId),
  }));

  app.post(
    '/api/me/addresses',
    { ...signedIn, schema: { tags, security, summary: '주소 추가', body: AddressBody, response: { 201: Address } } },
    async (request, reply) => reply.status(201).send(await addresses.add(actorOf(request).userId, request.body)),
  );

  app.put(
    '/api/me/addresses/:addressId',
    { ...signedIn, schema: { tags, security, summary: '주소 수정', params, body: AddressBody, response: { 200: Address } } },
    async (request) => addresses.update(actorOf(request).userId, request.params.addressId, request.body),
  );

  app.delete('/api/me/addresses/:addressId', { ...signedIn, schema: { tags, security, summary: '주소 삭제', params } }, async (request, reply) => {
    await addresses.remove(actorOf(request).userId, request.params.addressId);
    return reply.status(204).send();
  });
}
