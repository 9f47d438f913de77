import { useI18n } from '../i18n.js';
import { safeUrl } from './parse.js';
import type { MediaCard } from './types.js';

/** An image, video or audio from an http(s) URL; anything else is refused in words. */
export function MediaCardView({ card }: { card: MediaCard }) {
  const { s } = useI18n();
  const url = safeUrl(card.url);
  return (
    <>
      <h3 class="card-title">{card.title}</h3>
      {!url ? (
        <p class="card-note">{s.mediaUnsupported}</p>
      ) : card.kind === 'video' ? (
        // biome-ignore lint/a11y/useMediaCaption: cards carry no caption track; the title names the video.
        <video class="card-media" src={url} controls preload="metadata" aria-label={card.title} />
      ) : card.kind === 'audio' ? (
        // biome-ignore lint/a11y/useMediaCaption: audio from a card has no caption track.
        <audio class="card-audio" src={url} controls preload="metadata" aria-label={card.title} />
      ) : (
        <img class="card-media" src={url} alt={card.title} />
      )}
    </>
  );
}
