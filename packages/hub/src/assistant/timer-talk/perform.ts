/** Timer talk carried out through the assistant's own timer intents, one timer at a time. */
import { type Card, dispatch, type Outcome, type TurnScope } from '../dispatch.js';
import { capitalize } from '../replies/index.js';
import { render } from '../responses.js';
import type { TimerTalk } from './read.js';

export async function performTimerTalk(scope: TurnScope, talk: TimerTalk): Promise<Outcome> {
  if (talk.act === 'cancelLast') {
    const running = await scope.timers.list(scope.homeId);
    const started = (t: (typeof running)[number]) => t.endsAt - t.seconds * 1000;
    const last = running.reduce<(typeof running)[number] | undefined>(
      (a, b) => (a === undefined || started(b) > started(a) ? b : a),
      undefined,
    );
    if (!last) return { speech: scope.responses.timer_none as string };
    await scope.timers.cancelById(scope.homeId, last.id);
    return {
      speech: last.name
        ? capitalize(render(scope.responses.timer_named_cancelled, { name: last.name }))
        : (scope.responses.timer_cancelled as string),
    };
  }
  if (talk.act === 'cancel') {
    if (talk.name === null) return dispatch(scope, 'timer.cancel', {});
    // The running timers meant, each by the name it was given; when none is running, the name as said.
    const names = talk.matching.length ? talk.matching : [talk.name];
    const spoken: string[] = [];
    for (const name of names) {
      const outcome = await dispatch(scope, 'timer.cancel', { timer_name: { value: name, text: name } });
      spoken.push(outcome.speech);
    }
    return { speech: spoken.join(' ') };
  }
  const spoken: string[] = [];
  let card: Card | undefined;
  for (const timer of talk.timers) {
    const outcome = await dispatch(scope, 'timer.start', {
      duration: { value: timer.seconds, text: '' },
      ...(timer.name ? { timer_name: { value: timer.name, text: timer.name } } : {}),
    });
    spoken.push(outcome.speech);
    card ??= outcome.card;
  }
  const speech = spoken.join(' ');
  return card?.type === 'text'
    ? { speech, card: { ...card, text: speech } }
    : { speech, ...(card ? { card } : {}) };
}
