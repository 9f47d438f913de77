import { useState } from 'preact/hooks';
import { Card } from '../cards/Card.js';
import type { Hub } from '../hub.js';
import { useI18n } from '../i18n.js';
import { useSpeaker } from '../voice/useSpeaker.js';
import { useSpeechStatus } from '../voice/useSpeechStatus.js';
import { useVoice } from '../voice/useVoice.js';
import { MicButton, SoundControls } from '../voice/VoiceControls.js';
import { useConversation } from './useConversation.js';

/** Hold-to-talk and the text box, the assistant's reply (spoken too) and its card. */
export function Conversation({ hub }: { hub: Hub }) {
  const { s, language } = useI18n();
  const status = useSpeechStatus(hub);
  const speaker = useSpeaker(hub, language, status?.speak ?? []);
  const conversation = useConversation(hub, (reply) => speaker.say(reply.speech.text, reply.language));
  const { exchange, busy, say } = conversation;
  // Barge-in: pressing the microphone silences the answer being spoken.
  const voice = useVoice(hub, language, conversation, () => {
    speaker.player.stop();
    speaker.player.unlock();
  });
  const [text, setText] = useState('');

  const submit = async () => {
    if (busy || text.trim() === '') return;
    const sent = text;
    if (await say(sent)) setText((current) => (current === sent ? '' : current));
  };
  const sayFromCard = (words: string, choice?: string) => {
    void say(words, choice);
  };
  // A device reply comes as speech and a text card saying the same: show it once, in the card.
  const echoed = exchange?.card?.type === 'text' && exchange.card.text === exchange.reply;

  return (
    <section class="panel conversation" aria-labelledby="conversation-title">
      <h2 id="conversation-title" class="panel-title">
        {s.conversationTitle}
      </h2>
      <MicButton voice={voice} canHear={status?.hear.includes(language) ?? false} />
      <form
        class="say"
        onSubmit={(event) => {
          event.preventDefault();
          speaker.player.stop();
          speaker.player.unlock();
          void submit();
        }}
      >
        <label for="say-input" class="visually-hidden">
          {s.sayLabel}
        </label>
        <input
          id="say-input"
          type="text"
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
          placeholder={s.sayPlaceholder}
          autocomplete="off"
          enterkeyhint="send"
          maxLength={1000}
        />
        <button type="submit" class="primary" aria-disabled={busy || text.trim() === ''}>
          {s.send}
        </button>
      </form>
      <div class="reply" data-testid="reply" aria-live="polite" aria-busy={busy}>
        {exchange === null ? (
          <p class="muted">{s.replyEmpty}</p>
        ) : (
          <>
            <p class="said">
              <span class="visually-hidden">{s.youSaid}: </span>“{exchange.said}”
            </p>
            {exchange.error ? (
              <p class="error" role="alert">
                {exchange.error}
              </p>
            ) : exchange.reply === null ? (
              <p class="muted">{s.sending}</p>
            ) : echoed ? null : (
              <p class="speech" data-testid="speech">
                {exchange.reply}
              </p>
            )}
          </>
        )}
        {exchange?.card && exchange.reply !== null ? (
          <Card
            card={exchange.card}
            say={sayFromCard}
            cardId={`card-${exchange.seq}`}
            carriesSpeech={echoed}
          />
        ) : null}
      </div>
      <SoundControls speaker={speaker} />
    </section>
  );
}
