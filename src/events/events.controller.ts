import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorator';
import { Authenticated } from '../auth/authenticated.decorator';
import { GET_EVENT_ERRORS, LIST_EVENTS_ERRORS } from './events.error-examples';
import { AccountScopeQuery } from '../common/account-scope-query.dto';
import { ParsePrefixedIdPipe } from '../common/prefixed-id';
import { PaginatedResponse } from '../pagination/paginated-response';
import { EventListQuery } from './dto/event-list-query.dto';
import { EventResponse } from './dto/event-response.dto';
import { PaginatedEventResponse } from './dto/paginated-event-response.dto';

import { EventsService } from './events.service';

@ApiTags('Events')
@Controller('v1/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({
    summary: 'List Events',
    operationId: 'list_events_v1_events_get',
    description:
      'The audit trail and change feed: one event per change to an account, user or API key, written in the same ' +
      'transaction as the change.\n\nA consumer that starts anywhere and keeps following `next_cursor` receives every ' +
      'event exactly once, in an order that never changes once read, even while many changes commit concurrently. ' +
      'Oldest first by default; the last page (and an empty one) still carries a `next_cursor` to poll from.\n\n' +
      'Regular users see their own account; superadmins see every account, or one with `account_id`. ' +
      'A cursor from before the retention horizon (`EVENTS_RETENTION_DAYS`) is a 410.',
  })
  @ApiOkResponse({ description: 'Successful Response', type: PaginatedEventResponse })
  @Authenticated(LIST_EVENTS_ERRORS)
  async list(@Auth() auth: AuthContext, @Query() query: EventListQuery): Promise<PaginatedResponse<EventResponse>> {
    return PaginatedEventResponse.fromPage(await this.events.list(auth, query), EventResponse.fromEntity);
  }

  @Get(':event_id')
  @ApiOperation({ summary: 'Get Event', operationId: 'get_event_v1_events__event_id__get', description: 'One event, with the same scope rules as the list.' })
  @ApiParam({ name: 'event_id', type: String, description: 'Unique identifier for the event (`evt_<uuid>`)' })
  @ApiOkResponse({ description: 'Successful Response', type: EventResponse })
  @Authenticated(GET_EVENT_ERRORS)
  async get(
    @Auth() auth: AuthContext,
    @Param('event_id', new ParsePrefixedIdPipe('evt')) eventId: string,
    @Query() query: AccountScopeQuery,
  ): Promise<EventResponse> {
    return EventResponse.fromEntity(await this.events.get(auth, eventId, query.account_id));
  }
}
