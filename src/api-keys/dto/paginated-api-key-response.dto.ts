import { PaginatedResponseOf } from '../../pagination/paginated-response';
import { APIKeyResponse } from './api-key-response.dto';

export const PaginatedAPIKeyResponse = PaginatedResponseOf(APIKeyResponse);
