import { EventEmitter } from 'node:events';
import type { MediaStatus } from '@dongne/contracts';

export interface MediaProgressEvent {
  mediaId: string;
  ownerId: string;
  status: MediaStatus;
  progress: number;
  failureReason: string | null;
}

/**
 * Processing progress for whoever listens in this process (the realtime module can forward it
 * to the owner's socket). Listeners must not throw; they are called synchronously.
 */
export class MediaEvents {
  private readonly emitter = new EventEmitter();

  onProgress(listener: (event: MediaProgressEvent) => void): () => void {
    this.emitter.on('progress', listener);
    return () => this.emitter.off('progress', listener);
  }

  emitProgress(event: MediaProgressEvent) {
    this.emitter.emit('progress', event);
  }
}
