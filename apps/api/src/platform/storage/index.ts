export { LocalStorage } from './local-storage';
export { UrlSigner, type UrlSignature } from './signed-urls';
export {
  assertKey,
  contentTypeOfKey,
  ObjectTooLargeError,
  type ByteRange,
  type PutOptions,
  type Storage,
  type StoredObject,
  type StoredStream,
} from './storage';
export { parseRange } from './range';
