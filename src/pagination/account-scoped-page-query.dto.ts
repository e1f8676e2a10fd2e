import { IntersectionType } from '@nestjs/swagger';
import { AccountScopeQuery } from '../common/account-scope-query.dto';
import { PageQuery } from './page-query.dto';

// The query of every list of account-owned resources: paging plus the contract's `account_id`.
export class AccountScopedPageQuery extends IntersectionType(PageQuery, AccountScopeQuery) {}
