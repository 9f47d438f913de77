export { type Action, actions } from './actions.js';
export {
  allowedActions,
  authorize,
  can,
  type Decision,
  hub,
  ownHomeIds,
  type Resource,
  rules,
} from './policy.js';
