import { spawn } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renditionsFor, scaledSize } from './media-rules';

export interface VideoProbe {
  durationMs: number;
  width: number;
  height: number;
  hasAudio: boolean;
}

export interface Rendition {
  /** Directory name below the output: `360p`, `720p`. */
  name: string;
  width: number;
  height: number;
  bandwidth: number;
}

export interface TranscodeResult {
  probe: VideoProbe;
  renditions: Rendition[];
}

export class TranscodeError extends Error {
  constructor(
    readonly reason: 'ffmpeg_unavailable' | 'unreadable_video' | 'transcode_failed',
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'TranscodeError';
  }
}

/** HLS segment length in seconds (keyframes are forced on these boundaries, so segments are 4–6 s). */
export const SEGMENT_SECONDS = 5;

/**
 * Debian's ffmpeg/ffprobe as child processes (never npm ffmpeg builds). Output layout under
 * `outDir`: `master.m3u8`, `poster.jpg`, `<h>p/index.m3u8`, `<h>p/seg_000.ts`…
 */
export class FfmpegTranscoder {
  private availability: Promise<boolean> | undefined;

  constructor(
    private readonly ffmpegPath: string,
    private readonly ffprobePath: string,
  ) {}

  /** Whether both binaries run here (checked once). */
  available(): Promise<boolean> {
    this.availability ??= Promise.all([
      run(this.ffmpegPath, ['-hide_banner', '-version']),
      run(this.ffprobePath, ['-hide_banner', '-version']),
    ]).then(
      () => true,
      () => false,
    );
    return this.availability;
  }

  async probe(input: string): Promise<VideoProbe> {
    let output: string;
    try {
      output = await run(this.ffprobePath, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', input]);
    } catch (error) {
      throw new TranscodeError('unreadable_video', (error as Error).message);
    }
    const parsed = JSON.parse(output) as {
      format?: { duration?: string };
      streams?: { codec_type?: string; width?: number; height?: number; duration?: string; tags?: { rotate?: string }; side_data_list?: { rotation?: number }[] }[];
    };
    const video = parsed.streams?.find((stream) => stream.codec_type === 'video');
    const duration = Number(parsed.format?.duration ?? video?.duration);
    if (!video?.width || !video.height || !Number.isFinite(duration) || duration <= 0) {
      throw new TranscodeError('unreadable_video', 'no video stream with a size and a duration');
    }
    // Phones record portrait video as landscape plus a rotation; ffmpeg applies it when decoding.
    const rotation = Math.abs(Number(video.tags?.rotate ?? video.side_data_list?.find((data) => data.rotation !== undefined)?.rotation ?? 0));
    const quarterTurn = rotation === 90 || rotation === 270;
    return {
      durationMs: Math.round(duration * 1000),
      width: quarterTurn ? video.height : video.width,
      height: quarterTurn ? video.width : video.height,
      hasAudio: parsed.streams?.some((stream) => stream.codec_type === 'audio') ?? false,
    };
  }

  /**
   * Transcodes `input` to HLS renditions (360p, 720p; never upscaled) and a poster, reporting
   * progress 0–1 through `onProgress`.
   */
  async transcode(input: string, outDir: string, onProgress: (fraction: number) => void): Promise<TranscodeResult> {
    if (!(await this.available())) throw new TranscodeError('ffmpeg_unavailable', `${this.ffmpegPath} does not run`);
    const probe = await this.probe(input);
    const shortSide = Math.min(probe.width, probe.height);
    const heights = renditionsFor(shortSide);
    const renditions: Rendition[] = [];
    const steps = heights.length + 1;
    for (const [index, short] of heights.entries()) {
      const size = scaledSize(probe.width, probe.height, short);
      const name = `${short}p`;
      const dir = path.join(outDir, name);
      await mkdir(dir, { recursive: true });
      const args = [
        '-hide_banner', '-nostdin', '-y', '-i', input,
        '-map', '0:v:0', '-map', '0:a:0?',
        '-vf', `scale=${size.width}:${size.height}`,
        '-c:v', 'libx264', '-preset', 'veryfast', '-crf', short <= 360 ? '26' : '23', '-pix_fmt', 'yuv420p', '-profile:v', 'main',
        '-force_key_frames', `expr:gte(t,n_forced*${SEGMENT_SECONDS})`, '-sc_threshold', '0',
        '-c:a', 'aac', '-b:a', short <= 360 ? '96k' : '128k', '-ac', '2',
        '-f', 'hls', '-hls_time', String(SEGMENT_SECONDS), '-hls_playlist_type', 'vod', '-hls_list_size', '0',
        '-hls_segment_filename', path.join(dir, 'seg_%03d.ts'),
        '-progress', 'pipe:1', '-nostats',
        path.join(dir, 'index.m3u8'),
      ];
      try {
        await run(this.ffmpegPath, args, (line) => {
          const match = /^out_time_(?:us|ms)=(\d+)/.exec(line);
          if (match) onProgress((index + Number(match[1]) / 1000 / probe.durationMs) / steps);
        });
      } catch (error) {
        throw new TranscodeError('transcode_failed', (error as Error).message);
      }
      const bytes = await directoryBytes(dir, /\.ts$/);
      const bandwidth = Math.max(64_000, Math.ceil(((bytes * 8) / (probe.durationMs / 1000)) * 1.2));
      renditions.push({ name, ...size, bandwidth });
      onProgress((index + 1) / steps);
    }
    const largest = renditions[renditions.length - 1] as Rendition;
    const posterAt = Math.min(1, probe.durationMs / 2000);
    try {
      await run(this.ffmpegPath, [
        '-hide_banner', '-nostdin', '-y', '-ss', posterAt.toFixed(2), '-i', input,
        '-frames:v', '1', '-vf', `scale=${largest.width}:${largest.height}`, '-q:v', '3', '-map_metadata', '-1',
        path.join(outDir, 'poster.jpg'),
      ]);
    } catch (error) {
      throw new TranscodeError('transcode_failed', `poster: ${(error as Error).message}`);
    }
    await writeFile(path.join(outDir, 'master.m3u8'), masterPlaylist(renditions));
    onProgress(1);
    return { probe, renditions };
  }
}

export function masterPlaylist(renditions: readonly Rendition[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const rendition of renditions) {
    lines.push(`#EXT-X-STREAM-INF:BANDWIDTH=${rendition.bandwidth},RESOLUTION=${rendition.width}x${rendition.height}`);
    lines.push(`${rendition.name}/index.m3u8`);
  }
  return `${lines.join('\n')}\n`;
}

async function directoryBytes(dir: string, pattern: RegExp): Promise<number> {
  const { readdir } = await import('node:fs/promises');
  let total = 0;
  for (const name of await readdir(dir)) if (pattern.test(name)) total += (await stat(path.join(dir, name))).size;
  return total;
}

/** Runs a program; resolves with its stdout, rejects with the end of its stderr on failure. */
function run(command: string, args: string[], onLine?: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let partial = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (!onLine) {
        stdout += chunk;
        return;
      }
      partial += chunk;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${path.basename(command)} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}
