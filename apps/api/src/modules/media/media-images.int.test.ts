import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Media } from '@dongne/contracts';
import { createTestApp, createUser, type SignedUpUser, type TestApp } from '../../testing/test-app';
import { multipart, pngClaiming } from './media-test-kit';

let testApp: TestApp;
let dataDir: string;
let alice: SignedUpUser;
const IMAGE_LIMIT = 400_000;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'dongne-media-'));
  testApp = await createTestApp({ env: { DATA_DIR: dataDir, MEDIA_IMAGE_MAX_BYTES: String(IMAGE_LIMIT), MEDIA_IMAGE_MAX_PIXELS: '50000000' } });
  alice = await createUser(testApp.app);
});
afterAll(async () => {
  await testApp.close();
  await rm(dataDir, { recursive: true, force: true });
});

const upload = (user: SignedUpUser | undefined, filename: string, contentType: string, data: Buffer) => {
  const body = multipart('file', filename, contentType, data);
  return testApp.app.inject({ method: 'POST', url: '/api/media', payload: body.payload, headers: { ...body.headers, ...(user?.headers ?? {}) } });
};

const jpeg = (width: number, height: number, withGps = false) => {
  let image = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } });
  if (withGps) {
    image = image.withExif({
      IFD0: { Make: 'Dongne Phone', Model: 'Secret Model', Copyright: 'Alice' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '37/1 30/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '127/1 2/1 0/1' },
    });
  }
  return image.jpeg({ quality: 90 }).toBuffer();
};

const fetchVariant = (url: string) => testApp.app.inject({ method: 'GET', url });

async function expectHealthyAfter() {
  const response = await upload(alice, 'ok.jpg', 'image/jpeg', await jpeg(400, 300));
  expect(response.statusCode, response.body).toBe(201);
}

describe('image uploads', () => {
  it('re-encodes a JPEG with GPS EXIF into metadata-free WebP variants that never upscale', async () => {
    const original = await jpeg(800, 600, true);
    expect((await sharp(original).metadata()).exif, 'the fixture carries EXIF').toBeDefined();
    const response = await upload(alice, 'photo.jpg', 'image/jpeg', original);
    expect(response.statusCode, response.body).toBe(201);
    const media = response.json<Media>();
    expect(media).toMatchObject({ kind: 'image', status: 'ready', width: 800, height: 600 });
    expect(Object.keys(media.urls).sort()).toEqual(['1280', '320', '640']);

    const widths: Record<string, number> = {};
    for (const [name, url] of Object.entries(media.urls)) {
      const served = await fetchVariant(url);
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/webp');
      expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const metadata = await sharp(served.rawPayload).metadata();
      expect(metadata.format).toBe('webp');
      expect(metadata.exif, `variant ${name} has no EXIF`).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(metadata.icc).toBeUndefined();
      expect(served.rawPayload.includes(Buffer.from('Secret Model'))).toBe(false);
      widths[name] = metadata.width ?? 0;
    }
    expect(widths).toEqual({ '320': 320, '640': 640, '1280': 800 });
  });

  it('turns a photo upright by its EXIF orientation', async () => {
    const plain = await sharp({ create: { width: 600, height: 300, channels: 3, background: '#336699' } }).jpeg().toBuffer();
    const sideways = await sharp(plain).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect((await sharp(sideways).metadata()).orientation).toBe(6);
    const response = await upload(alice, 'side.jpg', 'image/jpeg', sideways);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<Media>()).toMatchObject({ width: 300, height: 600 });
    const served = await fetchVariant(response.json<Media>().urls['640'] as string);
    expect(await sharp(served.rawPayload).metadata()).toMatchObject({ width: 300, height: 600 });
  });

  it('accepts PNG, WebP and GIF by their bytes, whatever the name says', async () => {
    const png = await sharp({ create: { width: 50, height: 40, channels: 4, background: '#00ff0080' } }).png().toBuffer();
    const webp = await sharp({ create: { width: 50, height: 40, channels: 3, background: '#ffffff' } }).webp().toBuffer();
    const gif = await sharp({ create: { width: 50, height: 40, channels: 3, background: '#000000' } }).gif().toBuffer();
    for (const [name, data] of [['a.jpg', png], ['b.bin', webp], ['c', gif]] as const) {
      const response = await upload(alice, name, 'application/octet-stream', data);
      expect(response.statusCode, `${name}: ${response.body}`).toBe(201);
      expect(response.json<Media>()).toMatchObject({ width: 50, height: 40 });
    }
  });

  it('refuses a text file named .jpg and HTML named .png with 415, whatever the client claims', async () => {
    for (const [name, type, data] of [
      ['notes.jpg', 'image/jpeg', Buffer.from('just some text, not a picture\n'.repeat(20))],
      ['page.png', 'image/png', Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>')],
      ['drawing.svg', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
      ['empty.jpg', 'image/jpeg', Buffer.alloc(0)],
    ] as const) {
      const response = await upload(alice, name, type, data);
      expect(response.statusCode, name).toBe(415);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ code: 'media.unsupported_type' });
    }
    await expectHealthyAfter();
  });

  it('refuses a PNG whose header claims 60000×60000 pixels with 422 before decoding it', async () => {
    const bomb = pngClaiming(60_000, 60_000);
    expect(bomb.length).toBeLessThan(100);
    const response = await upload(alice, 'bomb.png', 'image/png', bomb);
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json()).toMatchObject({ code: 'media.image_too_large' });
    await expectHealthyAfter();
  });

  it('refuses a truncated JPEG with 422 media.image_unreadable, never 500', async () => {
    const whole = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } } })
      .jpeg()
      .toBuffer();
    const response = await upload(alice, 'cut.jpg', 'image/jpeg', whole.subarray(0, Math.floor(whole.length / 2)));
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json()).toMatchObject({ code: 'media.image_unreadable' });
    await expectHealthyAfter();
  });

  it('refuses an image over the size limit with 413', async () => {
    const noisy = await sharp({ create: { width: 1500, height: 1500, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
      .jpeg({ quality: 100 })
      .toBuffer();
    expect(noisy.length).toBeGreaterThan(IMAGE_LIMIT);
    const response = await upload(alice, 'big.jpg', 'image/jpeg', noisy);
    expect(response.statusCode, response.body).toBe(413);
    expect(response.json()).toMatchObject({ code: 'media.too_large' });
    await expectHealthyAfter();
  });

  it('needs a signed-in user, a multipart body and a file', async () => {
    expect((await upload(undefined, 'x.jpg', 'image/jpeg', await jpeg(10, 10))).statusCode).toBe(401);
    const json = await testApp.app.inject({ method: 'POST', url: '/api/media', headers: alice.headers, payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(json.json()).toMatchObject({ code: 'media.multipart_required' });
  });

  it('answers 404 problem+json for unknown media and variants', async () => {
    const created = (await upload(alice, 'ok.jpg', 'image/jpeg', await jpeg(100, 100))).json<Media>();
    for (const url of [
      '/api/media/0190d4a0-0000-7000-8000-000000000000/320',
      `/api/media/${created.id}/999`,
      '/api/media/not-a-uuid/320',
      '/api/media/..%2F..%2Fetc/320',
    ]) {
      const response = await fetchVariant(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json()).toMatchObject({ code: 'media.not_found' });
    }
  });

  it('shows media to its owner only', async () => {
    const created = (await upload(alice, 'ok.jpg', 'image/jpeg', await jpeg(100, 100))).json<Media>();
    const mine = await testApp.app.inject({ method: 'GET', url: `/api/media/${created.id}`, headers: alice.headers });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ id: created.id, status: 'ready' });
    const bob = await createUser(testApp.app);
    const theirs = await testApp.app.inject({ method: 'GET', url: `/api/media/${created.id}`, headers: bob.headers });
    expect(theirs.statusCode).toBe(404);
  });
});
