import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'leadr:isPublic';

export const Public = () => SetMetadata(IS_PUBLIC, true);
