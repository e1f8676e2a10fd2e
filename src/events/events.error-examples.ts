import {
  getByIdErrors,
  listErrors,
  type OperationErrors,
} from '../common/error-examples';

export const LIST_EVENTS_ERRORS: OperationErrors = {
  ...listErrors(null, {
    loc: ['query', 'resource_id'],
    msg: 'Input should be an id of the form acc_<uuid>, usr_<uuid> or key_<uuid>',
    type: 'value_error',
  }),
  410: ['This cursor points before the retention horizon: older events have been deleted'],
};

export const GET_EVENT_ERRORS = getByIdErrors('Event', 'event_id', 'evt');
