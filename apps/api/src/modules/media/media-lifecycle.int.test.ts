import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Media } from '@dongne/contracts';
import { isCi } from '../../platform/config';
import { createTestApp, createUser, FixedClock, type SignedUpUser, type TestApp } from '../../testing/test-app';
import type { MediaProgressEvent } from './media.events';
import { multipart } from './media-test-kit';

const hasFfmpeg = (() => {
  try {
    execFileSync('ffmpeg', ['-hide_banner', '-version'], { stdio: 'ignore' });
    execFileSync('ffprobe', ['-hide_banner', '-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let testApp: TestApp;
let dataDir: string;
let alice: SignedUpUser;
let bob: SignedUpUser;
const clock = new FixedClock(new Date());
let clip: Buffer;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'dongne-media-'));
  testApp = await createTestApp({ clock, env: { DATA_DIR: dataDir } });
  alice = await createUser(testApp.app);
  bob = await createUser(testApp.app);
  if (hasFfmpeg) {
    const file = path.join(dataDir, 'clip.mp4');
    execFileSync('ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-y',
      '-f', 'lavfi', '-i', 'testsrc=duration=5:size=1280x720:rate=25',
      '-f', 'lavfi', '-i', 'sine=frequency=440:duration=5',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', file,
    ]);
    clip = await readFile(file);
  }
}, 60_000);
afterAll(async () => {
  await testApp.close();
  await rm(dataDir, { recursive: true, force: true });
});

const upload = async (user: SignedUpUser, filename: string, data: Buffer) => {
  const body = multipart('file', filename, 'application/octet-stream', data);
  return testApp.app.inject({ method: 'POST', url: '/api/media', payload: body.payload, headers: { ...body.headers, ...user.headers } });
};
const photo = () => sharp({ create: { width: 200, height: 100, channels: 3, background: '#abcdef' } }).jpeg().toBuffer();
const mediaModule = () => testApp.app.modules.media;
const db = () => testApp.database.handle.db;

describe('attaching media to other domains', () => {
  it('attaches the owner’s uploads and refuses anyone else’s with media.not_owner', async () => {
    const mine = (await upload(alice, 'a.jpg', await photo())).json<Media>();
    const theirs = (await upload(bob, 'b.jpg', await photo())).json<Media>();
    const subject = { type: 'space', id: 'space-1' };
    await expect(db().transaction((tx) => mediaModule().media.attach(tx, [mine.id, theirs.id], alice.user.id, subject))).rejects.toMatchObject({
      code: 'media.not_owner',
      kind: 'forbidden',
    });
    await expect(
      db().transaction((tx) => mediaModule().media.attach(tx, ['0190d4a0-0000-7000-8000-000000000000'], alice.user.id, subject)),
    ).rejects.toMatchObject({ code: 'media.not_owner' });
    await db().transaction((tx) => mediaModule().media.attach(tx, [mine.id], alice.user.id, subject));
    // Attaching again to the same subject is fine; to another subject it is not.
    await db().transaction((tx) => mediaModule().media.attach(tx, [mine.id], alice.user.id, subject));
    await expect(
      db().transaction((tx) => mediaModule().media.attach(tx, [mine.id], alice.user.id, { type: 'item', id: 'x' })),
    ).rejects.toMatchObject({ code: 'media.already_attached' });
    expect(await db().transaction((tx) => mediaModule().media.detach(tx, subject))).toBe(1);
  });
});

describe('cleanup of unattached uploads', () => {
  it('deletes uploads nobody attached within 24 hours, files and rows, and keeps attached and fresh ones', async () => {
    const stale = (await upload(alice, 'stale.jpg', await photo())).json<Media>();
    const kept = (await upload(alice, 'kept.jpg', await photo())).json<Media>();
    await db().transaction((tx) => mediaModule().media.attach(tx, [kept.id], alice.user.id, { type: 'space', id: 'space-2' }));
    clock.advance(25 * 3600 * 1000);
    alice = await createUser(testApp.app); // access tokens expired with the clock
    const fresh = (await upload(alice, 'fresh.jpg', await photo())).json<Media>();

    const { jobs } = testApp.app.platform;
    await jobs.enqueue(db(), mediaModule().jobs.cleanup, {});
    expect(await jobs.runDue(mediaModule().jobs.cleanup)).toEqual({ ran: 1, failed: 0 });

    const status = async (media: Media) => (await testApp.app.inject({ method: 'GET', url: media.urls['320'] as string })).statusCode;
    expect(await status(stale)).toBe(404);
    expect(existsSync(path.join(dataDir, 'media', 'media', stale.id))).toBe(false);
    expect(await status(kept)).toBe(200);
    expect(await status(fresh)).toBe(200);
  });
});

// Locally a machine without ffmpeg skips these; CI installs it (.ci/run) and must run them.
describe.skipIf(!hasFfmpeg && !isCi())('video uploads', () => {
  it('stores a 5-second clip, transcodes it to HLS that ffprobe reads, and serves it only through signed URLs', async () => {
    const events: MediaProgressEvent[] = [];
    const stop = mediaModule().events.onProgress((event) => events.push(event));
    const response = await upload(alice, 'clip.mp4', clip);
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json<Media>();
    expect(created).toMatchObject({ kind: 'video', status: 'uploaded', urls: {} });

    expect(await testApp.app.platform.jobs.runDue(mediaModule().jobs.transcode)).toEqual({ ran: 1, failed: 0 });
    stop();
    expect(events[0]).toMatchObject({ mediaId: created.id, status: 'processing' });
    expect(events.at(-1)).toMatchObject({ status: 'ready', progress: 100 });
    expect(events.some((event) => event.status === 'processing' && event.progress > 0 && event.progress < 100)).toBe(true);

    const view = (await testApp.app.inject({ method: 'GET', url: `/api/media/${created.id}`, headers: alice.headers })).json<Media>();
    expect(view).toMatchObject({ status: 'ready', progress: 100, width: 1280, height: 720 });
    expect(view.durationMs).toBeGreaterThan(4500);
    expect(view.durationMs).toBeLessThan(5600);
    const master = await testApp.app.inject({ method: 'GET', url: view.urls.hls as string });
    expect(master.statusCode).toBe(200);
    expect(master.headers['content-type']).toMatch(/mpegurl/);
    const variants = master.body.split('\n').filter((line) => line && !line.startsWith('#'));
    expect(variants.map((line) => line.split('?')[0])).toEqual(['360p/index.m3u8', '720p/index.m3u8']);
    for (const line of variants) expect(line).toMatch(/\?exp=\d+&u=[0-9a-f-]+&sig=/);

    // Mirror the tree through the API (as a player would) and let ffprobe read it.
    const base = `/api/media/${created.id}/hls/`;
    const local = path.join(dataDir, 'played');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(path.join(local, '360p'), { recursive: true });
    await mkdir(path.join(local, '720p'), { recursive: true });
    const strip = (text: string) => text.replace(/\?exp=[^\s"]+/g, '');
    await writeFile(path.join(local, 'master.m3u8'), strip(master.body));
    const rendition = await testApp.app.inject({ method: 'GET', url: `${base}${variants[1]}` });
    expect(rendition.statusCode).toBe(200);
    const segments = rendition.body.split('\n').filter((line) => line && !line.startsWith('#'));
    expect(segments.length).toBeGreaterThanOrEqual(1);
    const durations = [...rendition.body.matchAll(/#EXTINF:([0-9.]+)/g)].map((match) => Number(match[1]));
    expect(Math.max(...durations)).toBeLessThanOrEqual(6.1);
    await writeFile(path.join(local, '720p', 'index.m3u8'), strip(rendition.body));
    for (const segment of segments) {
      const served = await testApp.app.inject({ method: 'GET', url: `${base}720p/${segment}` });
      expect(served.statusCode).toBe(200);
      expect(served.headers['cache-control']).toMatch(/max-age/);
      await writeFile(path.join(local, '720p', segment.split('?')[0] as string), served.rawPayload);
    }
    const probed = JSON.parse(
      execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', path.join(local, '720p', 'index.m3u8')], {
        encoding: 'utf8',
      }),
    ) as { streams: { codec_type: string; height?: number }[]; format: { duration: string } };
    expect(probed.streams.find((stream) => stream.codec_type === 'video')?.height).toBe(720);
    expect(probed.streams.some((stream) => stream.codec_type === 'audio')).toBe(true);
    expect(Number(probed.format.duration)).toBeGreaterThan(4.5);

    // Range requests on a segment.
    const first = `${base}720p/${segments[0]}`;
    const ranged = await testApp.app.inject({ method: 'GET', url: first, headers: { range: 'bytes=0-187' } });
    expect(ranged.statusCode).toBe(206);
    expect(ranged.rawPayload.length).toBe(188);
    expect(ranged.headers['content-range']).toMatch(/^bytes 0-187\/\d+$/);
    expect(ranged.rawPayload[0]).toBe(0x47); // MPEG-TS sync byte

    // The poster is an image.
    const poster = await testApp.app.inject({ method: 'GET', url: view.urls.poster as string });
    expect(poster.statusCode).toBe(200);
    expect((await sharp(poster.rawPayload).metadata()).height).toBe(720);

    // Tampered, foreign-user and unsigned URLs → 403; the original is never served.
    const url = new URL(view.urls.hls as string, 'http://x');
    const tampered = new URL(url);
    tampered.searchParams.set('sig', `${url.searchParams.get('sig')?.slice(0, -2)}AA`);
    const otherUser = new URL(url);
    otherUser.searchParams.set('u', bob.user.id);
    const later = new URL(url);
    later.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 3600));
    for (const bad of [tampered, otherUser, later, new URL(`${url.pathname}`, 'http://x')]) {
      const refused = await testApp.app.inject({ method: 'GET', url: `${bad.pathname}${bad.search}` });
      expect(refused.statusCode, bad.search).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'media.signature_invalid' });
    }
    const original = await testApp.app.inject({ method: 'GET', url: `${base}original.mp4${url.search}` });
    expect(original.statusCode).toBe(404);

    // Expired: past the URL's lifetime the same URL is refused.
    clock.advance(5 * 3600 * 1000);
    const expired = await testApp.app.inject({ method: 'GET', url: view.urls.hls as string });
    expect(expired.statusCode).toBe(403);
    expect(expired.json()).toMatchObject({ code: 'media.signature_invalid' });
  }, 120_000);

  it('marks a video failed with ffmpeg_unavailable when ffmpeg is missing, and the server keeps working', async () => {
    const noFfmpeg = await createTestApp({ env: { DATA_DIR: dataDir, FFMPEG_PATH: '/nonexistent/ffmpeg' } });
    try {
      const user = await createUser(noFfmpeg.app);
      const body = multipart('file', 'clip.mp4', 'video/mp4', clip);
      const response = await noFfmpeg.app.inject({ method: 'POST', url: '/api/media', payload: body.payload, headers: { ...body.headers, ...user.headers } });
      expect(response.statusCode).toBe(201);
      const { id } = response.json<Media>();
      expect(await noFfmpeg.app.platform.jobs.runDue(noFfmpeg.app.modules.media.jobs.transcode)).toEqual({ ran: 1, failed: 0 });
      const view = await noFfmpeg.app.inject({ method: 'GET', url: `/api/media/${id}`, headers: user.headers });
      expect(view.json()).toMatchObject({ status: 'failed', failureReason: 'ffmpeg_unavailable', urls: {} });
    } finally {
      await noFfmpeg.close();
    }
  }, 60_000);

  it('refuses a video over its size limit with 413', async () => {
    const small = await createTestApp({ env: { DATA_DIR: dataDir, MEDIA_VIDEO_MAX_BYTES: '10000' } });
    try {
      const user = await createUser(small.app);
      const body = multipart('file', 'clip.mp4', 'video/mp4', clip);
      const response = await small.app.inject({ method: 'POST', url: '/api/media', payload: body.payload, headers: { ...body.headers, ...user.headers } });
      expect(response.statusCode, response.body).toBe(413);
      expect(response.json()).toMatchObject({ code: 'media.too_large' });
    } finally {
      await small.close();
    }
  }, 60_000);
});
