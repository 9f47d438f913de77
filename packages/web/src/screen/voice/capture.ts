import workletUrl from './capture-worklet.ts?worker&url';

/** Why the microphone could not be opened, for a message the screen shows. */
export type CaptureFailure = 'denied' | 'missing' | 'unsupported' | 'failed';

export class CaptureError extends Error {
  constructor(
    readonly reason: CaptureFailure,
    cause?: unknown,
  ) {
    super(`microphone ${reason}`, { cause });
    this.name = 'CaptureError';
  }
}

/** An open microphone; stop() releases it (the browser's recording indicator goes off). */
export interface Capture {
  stop(): void;
}

/**
 * Open the microphone and stream 16 kHz mono s16le chunks of about 100 ms, each with its loudness
 * (0..1). The microphone is opened per utterance and closed after, never kept listening.
 */
export async function startCapture(onChunk: (pcm: ArrayBuffer, level: number) => void): Promise<Capture> {
  if (!navigator.mediaDevices?.getUserMedia || typeof AudioWorkletNode === 'undefined')
    throw new CaptureError('unsupported');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
    });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') throw new CaptureError('denied', error);
    if (name === 'NotFoundError' || name === 'OverconstrainedError') throw new CaptureError('missing', error);
    throw new CaptureError('failed', error);
  }
  const context = new AudioContext();
  const release = () => {
    for (const track of stream.getTracks()) track.stop();
    void context.close().catch(() => {});
  };
  try {
    await context.audioWorklet.addModule(workletUrl);
    const source = context.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(context, 'genio-capture', { numberOfOutputs: 0 });
    node.port.onmessage = (event: MessageEvent<{ pcm: ArrayBuffer; level: number }>) =>
      onChunk(event.data.pcm, event.data.level);
    source.connect(node);
    if (context.state === 'suspended') await context.resume();
    return {
      stop() {
        node.port.onmessage = null;
        source.disconnect();
        release();
      },
    };
  } catch (error) {
    release();
    throw new CaptureError('failed', error);
  }
}
