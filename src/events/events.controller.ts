import { Controller } from '@nestjs/common';
import { Param, Query } from '../common/validated-params';
import { ApiTags } from '@nestjs/swagger';
import { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorator';
import { GET_EVENT_ERRORS, LIST_EVENTS_ERRORS } from './events.error-examples';
import { AccountScopeQuery } from '../common/account-scope-query.dto';
import { ParsePrefixedIdPipe } from '../common/prefixed-id';
import { GetOneOperation, ListOperation } from '../operations/operation.decorators';
import { PaginatedResponse } from '../pagination/paginated-response';
import { EventListQuery } from './dto/event-list-query.dto';
import { EventResponse } from './dto/event-response.dto';
import { PaginatedEventResponse } from './dto/paginated-event-response.dto';
import { GET_EVENT, LIST_EVENTS } from './events.docs';
import { EventsService } from './events.service';

@ApiTags('Events')
@Controller('v1/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @ListOperation({ scope: 'events:read', docs: LIST_EVENTS, response: PaginatedEventResponse, errors: LIST_EVENTS_ERRORS })
  async list(@Auth() auth: AuthContext, @Query() query: EventListQuery): Promise<PaginatedResponse<EventResponse>> {
    return PaginatedEventResponse.fromPage(await this.events.list(auth, query), EventResponse.fromEntity);
  }

  @GetOneOperation({
    scope: 'events:read',
    path: ':event_id',
    param: { name: 'event_id', type: String, description: 'Unique identifier for the event (`evt_<uuid>`)' },
    docs: GET_EVENT,
    response: EventResponse,
    errors: GET_EVENT_ERRORS,
  })
  async get(
    @Auth() auth: AuthContext,
    @Param('event_id', new ParsePrefixedIdPipe('evt')) eventId: string,
    @Query() query: AccountScopeQuery,
  ): Promise<EventResponse> {
    return EventResponse.fromEntity(await this.events.get(auth, eventId, query.account_id));
  }
}
