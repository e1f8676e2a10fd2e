import { PaginatedResponseOf } from '../../pagination/paginated-response';
import { EventResponse } from './event-response.dto';

export const PaginatedEventResponse = PaginatedResponseOf(EventResponse);
