import type { Address, AddressBody } from '@dongne/contracts';
import type { FieldCipher } from '../../platform/crypto';
import type { Database } from '../../platform/db';
import { newId } from '../../platform/ids';
import { notFound, unprocessable } from '../../platform/errors';
import { addressesRepository, type AddressRow } from './addresses.repository';

export const MAX_ADDRESSES = 20;

/** Saved addresses; the detail part (동·호수) is encrypted at rest and shown only to its owner. */
export class AddressesService {
  constructor(
    private readonly db: Database,
    private readonly cipher: FieldCipher,
  ) {}

  async list(userId: string): Promise<Address[]> {
    return (await addressesRepository.list(this.db, userId)).map((row) => this.toAddress(row));
  }

  async add(userId: string, body: AddressBody): Promise<Address> {
    const row = await this.db.transaction(async (tx) => {
      // Lock-free limit is fine here: a user racing themselves past 20 addresses harms no one else.
      const existing = await addressesRepository.countOf(tx, userId);
      if (existing >= MAX_ADDRESSES) throw unprocessable('address.limit_reached', `주소는 ${MAX_ADDRESSES}개까지 저장할 수 있어요.`);
      const isDefault = body.isDefault === true || existing === 0;
      if (isDefault) await addressesRepository.clearDefault(tx, userId);
      return addressesRepository.insert(tx, { id: newId(), userId, ...this.columns(body), isDefault });
    });
    return this.toAddress(row);
  }

  async update(userId: string, addressId: string, body: AddressBody): Promise<Address> {
    const row = await this.db.transaction(async (tx) => {
      if (body.isDefault) await addressesRepository.clearDefault(tx, userId);
      const updated = await addressesRepository.update(tx, userId, addressId, {
        ...this.columns(body),
        ...(body.isDefault !== undefined ? { isDefault: body.isDefault } : {}),
      });
      if (!updated) throw notFound('address.not_found', '주소를 찾을 수 없어요.');
      return updated;
    });
    return this.toAddress(row);
  }

  async remove(userId: string, addressId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const removed = await addressesRepository.remove(tx, userId, addressId);
      if (!removed) throw notFound('address.not_found', '주소를 찾을 수 없어요.');
      if (removed.isDefault) {
        const [next] = await addressesRepository.list(tx, userId);
        if (next) await addressesRepository.update(tx, userId, next.id, { isDefault: true });
      }
    });
  }

  private columns(body: AddressBody) {
    const detail = body.detail?.trim();
    return {
      label: body.label.trim(),
      zipCode: body.zipCode,
      roadAddress: body.roadAddress.trim(),
      detailEncrypted: detail ? this.cipher.encrypt(detail) : null,
      regionCode: body.regionCode ?? null,
    };
  }

  private toAddress(row: AddressRow): Address {
    return {
      id: row.id,
      label: row.label,
      zipCode: row.zipCode,
      roadAddress: row.roadAddress,
      detail: row.detailEncrypted ? this.cipher.decrypt(row.detailEncrypted) : null,
      regionCode: row.regionCode,
      isDefault: row.isDefault,
      createdAt: row.createdAt.toISOString(),
    };
  }
}
