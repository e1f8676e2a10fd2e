import type { ErrorExamples } from '../common/api-errors.decorator';
import { CURSOR_MISMATCH, INVALID_CURSOR, LIMIT_TOO_LARGE, malformedId, NO_ACCESS_TO_ACCOUNT } from '../common/error-examples';

type OperationErrors = Omit<ErrorExamples, 401 | 429>;

export const LIST_EVENTS_ERRORS: OperationErrors = {
  400: [INVALID_CURSOR, CURSOR_MISMATCH],
  403: [NO_ACCESS_TO_ACCOUNT],
  410: ['This cursor points before the retention horizon: older events have been deleted'],
  422: [
    LIMIT_TOO_LARGE,
    {
      loc: ['query', 'resource_id'],
      msg: 'Input should be an id of the form acc_<uuid>, usr_<uuid> or key_<uuid>',
      type: 'value_error',
    },
  ],
};

export const GET_EVENT_ERRORS: OperationErrors = {
  403: [NO_ACCESS_TO_ACCOUNT],
  404: ['Event not found'],
  422: [malformedId('event_id', 'evt')],
};
