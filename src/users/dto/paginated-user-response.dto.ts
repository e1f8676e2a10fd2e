import { PaginatedResponseOf } from '../../pagination/paginated-response';
import { UserResponse } from './user-response.dto';

export const PaginatedUserResponse = PaginatedResponseOf(UserResponse);
