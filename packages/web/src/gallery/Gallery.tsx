import { useEffect, useMemo, useState } from 'preact/hooks';
import { isLanguage, LANGUAGES, type Language } from '../lib/i18n.js';
import { Card } from '../screen/cards/Card.js';
import { parseCard } from '../screen/cards/parse.js';
import { I18nContext, i18nFor } from '../screen/i18n.js';
import { type Sample, samples } from './samples.js';

const LANGUAGE_NAMES: Record<Language, string> = {
  zh: '中文 (zh)',
  en: 'English (en)',
  it: 'Italiano (it)',
  fr: 'Français (fr)',
};

/** What the screen would send for a card's answer: the websocket turn message (src/screen/conversation/turns.ts). */
interface Turn {
  seq: number;
  from: string;
  message: { type: 'turn'; id: number; text: string };
}

/** The lang attribute the screen puts on <html> for a UI language. */
const langTag = (language: Language) => (language === 'zh' ? 'zh-CN' : language);

function SampleView({
  sample,
  lang,
  onSay,
}: {
  sample: Sample;
  lang: string;
  onSay: (from: string, text: string) => void;
}) {
  const card = useMemo(() => parseCard(sample.json), [sample]);
  const headingId = `sample-${sample.kind}`;
  return (
    <section class="gallery-sample" aria-labelledby={headingId} data-testid={`sample-${sample.kind}`}>
      <h2 id={headingId} class="gallery-sample-title">
        {sample.heading} <code class="gallery-type">{String(sample.json.type)}</code>
      </h2>
      <p class="gallery-about">{sample.about}</p>
      <div class="gallery-pair">
        <div class="gallery-preview" lang={lang}>
          {card ? (
            <Card card={card} say={(text) => onSay(sample.kind, text)} cardId={`gallery-${sample.kind}`} />
          ) : null}
        </div>
        <pre class="gallery-json" lang="en">
          <code>{JSON.stringify(sample.json, null, 2)}</code>
        </pre>
      </div>
    </section>
  );
}

/** Every card the screen renders, with its JSON, a language picker, and the turns the cards would send. */
export function Gallery() {
  const [language, setLanguage] = useState<Language>('en');
  const [turns, setTurns] = useState<Turn[]>([]);
  const i18n = useMemo(() => i18nFor(language), [language]);
  const all = useMemo(() => samples(), []);

  useEffect(() => {
    document.title = 'Genio card gallery';
  }, []);

  // The card's say callback, as the screen's conversation receives it: trimmed, empty answers dropped.
  const onSay = (from: string, raw: string) => {
    const text = raw.trim();
    if (!text) return;
    setTurns((previous) => {
      const seq = (previous[0]?.seq ?? 0) + 1;
      const turn: Turn = { seq, from, message: { type: 'turn', id: seq, text } };
      return [turn, ...previous].slice(0, 20);
    });
  };

  return (
    <div class="gallery">
      <header class="gallery-header">
        <div>
          <h1>Genio card gallery</h1>
          <p class="gallery-intro">
            Cards are the declarative JSON the assistant and mini-apps send with a reply; the speaker screen
            renders them with this very renderer. Each card is shown next to its JSON. Nothing here calls the
            hub: answers appear in the log instead of being sent.
          </p>
        </div>
        <div class="gallery-language field">
          <label for="gallery-language">Screen language</label>
          <select
            id="gallery-language"
            value={language}
            onChange={(event) => {
              const next = event.currentTarget.value;
              if (isLanguage(next)) setLanguage(next);
            }}
          >
            {LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </div>
      </header>
      <div class="gallery-layout">
        <main class="gallery-samples">
          <I18nContext.Provider value={i18n}>
            {all.map((sample) => (
              <SampleView key={sample.kind} sample={sample} lang={langTag(language)} onSay={onSay} />
            ))}
          </I18nContext.Provider>
        </main>
        <aside class="gallery-log-panel" aria-labelledby="gallery-log-title">
          <h2 id="gallery-log-title" class="gallery-sample-title">
            Next turn
          </h2>
          <p class="gallery-about">
            What the screen would send over its websocket when a card is answered (plus{' '}
            <code>conversationId</code> while the assistant waits for an answer; over REST,{' '}
            <code>POST /api/v1/conversation</code> with <code>text</code> and <code>homeId</code>).
          </p>
          <div role="log" aria-live="polite" aria-labelledby="gallery-log-title">
            {turns.length === 0 ? (
              <p class="gallery-log-empty">Choose a list item, submit the form or answer the confirmation.</p>
            ) : (
              <ol class="gallery-log" data-testid="turn-log">
                {turns.map((turn) => (
                  <li key={turn.seq} data-testid="turn" data-from={turn.from}>
                    <span class="gallery-log-from">from the {turn.from} card</span>
                    <pre lang="en">
                      <code>{JSON.stringify(turn.message)}</code>
                    </pre>
                  </li>
                ))}
              </ol>
            )}
          </div>
          {turns.length > 0 ? (
            <button type="button" onClick={() => setTurns([])}>
              Clear the log
            </button>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
