import { Injectable } from '@nestjs/common';
import { AuthContext } from '../auth/auth-context';
import { notFound } from '../common/errors';
import { Page } from '../pagination/paginated-response';
import { EventType, ResourceEvent, ResourceKind } from './event.entity';
import { EventListQuery } from './dto/event-list-query.dto';
import { EventFilters, EventsRepository } from './events.repository';

const eventNotFound = () => notFound('Event');

@Injectable()
export class EventsService {
  constructor(private readonly events: EventsRepository) {}

  async list(auth: AuthContext, query: EventListQuery): Promise<Page<ResourceEvent>> {
    return this.events.listPage(auth.listScope(query.account_id), filtersOf(query), query);
  }

  async get(auth: AuthContext, eventId: string, queryAccountId?: string): Promise<ResourceEvent> {
    return auth.resourceScope(queryAccountId).load(() => this.events.findById(eventId), (e) => e.accountId, eventNotFound);
  }
}

function filtersOf(query: EventListQuery): EventFilters {
  const filters: EventFilters = { resourceId: query.resource_id?.toLowerCase() };
  if (query.type?.endsWith('.')) filters.typeGroup = query.type.slice(0, -1) as ResourceKind;
  else if (query.type !== undefined) filters.type = query.type as EventType;
  return filters;
}
