// The events endpoints are this project's own (LEADR has none).

export const LIST_EVENTS = {
  summary: 'List Events',
  operationId: 'list_events_v1_events_get',
  description:
    'The audit trail and change feed: one event per change to an account, user or API key, written in the same ' +
    'transaction as the change.\n\nA consumer that starts anywhere and keeps following `next_cursor` receives every ' +
    'event exactly once, in an order that never changes once read, even while many changes commit concurrently. ' +
    'Oldest first by default; the last page (and an empty one) still carries a `next_cursor` to poll from.\n\n' +
    'Regular users see their own account; superadmins see every account, or one with `account_id`. ' +
    'A cursor from before the retention horizon (`EVENTS_RETENTION_DAYS`) is a 410.',
};

export const GET_EVENT = {
  summary: 'Get Event',
  operationId: 'get_event_v1_events__event_id__get',
  description: 'One event, with the same scope rules as the list.',
};
