import { PaginatedResponseOf } from '../../pagination/paginated-response';
import { AccountResponse } from './account-response.dto';

export const PaginatedAccountResponse = PaginatedResponseOf(AccountResponse);
