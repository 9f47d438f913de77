import { LoadError, Loading } from '../components/status.js';
import type { Onboarding } from '../lib/commerce.js';
import { href } from '../lib/route.js';
import type { Loaded } from '../lib/use-load.js';

/** Each checklist step's words and the section of the Merchant page where it is done. */
const STEPS: Readonly<Record<string, { title: string; section: string | null; action: string }>> = {
  profile: { title: 'Profile', section: 'profile', action: 'Edit the profile' },
  stores: { title: 'Stores', section: 'stores', action: 'Upload stores' },
  menu: { title: 'Menu', section: 'menu', action: 'Edit the menu' },
  payout: { title: 'Payout account', section: 'profile', action: 'Add the payout account' },
  test_order: { title: 'Test order', section: 'orders', action: 'See the order board' },
  review: { title: 'Review by the operator', section: null, action: '' },
};

/** The onboarding checklist: each step done or not, what the hub says about it, and where to do it. */
export function OnboardingChecklist(props: { checklist: Loaded<Onboarding> }) {
  const { data, error, loading, reload } = props.checklist;
  if (error) return <LoadError error={error} retry={reload} />;
  if (!data) return loading ? <Loading what="the onboarding checklist" /> : null;
  return (
    <>
      <p>
        {data.ready
          ? 'Every step is done: households can order from you.'
          : 'Finish these steps; the operator reviews your application.'}
      </p>
      <ol class="checklist" aria-label="Onboarding steps">
        {data.steps.map((step) => {
          const known = STEPS[step.step] ?? { title: step.step, section: null, action: '' };
          return (
            <li key={step.step} class={step.done ? 'done' : 'todo'} data-step={step.step}>
              <span class={`badge ${step.done ? 'online' : 'offline'}`}>{step.done ? 'Done' : 'To do'}</span>{' '}
              <strong>{known.title}</strong>: <span class="step-detail">{step.detail}</span>
              {known.section && !step.done ? (
                <>
                  {' '}
                  <a href={href('merchant', known.section)}>{known.action}</a>
                </>
              ) : null}
            </li>
          );
        })}
      </ol>
    </>
  );
}
