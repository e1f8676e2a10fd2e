import { CUSTOM_ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { routeParameters } from '../../test/helpers/route-parameters';
import { VALIDATED_PARAMETER } from './validated-params';

// There is no global validation pipe (validated-params.ts): every body, query and path parameter of
// every route must be one of validated-params.ts's, or its input would reach the handler unvalidated.
const VALIDATED = new Map([
  [RouteParamtypes.BODY, 'body'],
  [RouteParamtypes.QUERY, 'query'],
  [RouteParamtypes.PARAM, 'path'],
]);

async function routeArguments(): Promise<Array<{ route: string; type: string; validated: boolean }>> {
  return (await routeParameters()).flatMap(({ route, key, factory }) => {
    const type = VALIDATED.get(Number(key.split(':')[0]) as RouteParamtypes);
    const validated = key.includes(CUSTOM_ROUTE_ARGS_METADATA) && typeof factory === 'function' && VALIDATED_PARAMETER in factory;
    return type === undefined ? [] : [{ route, type, validated }];
  });
}

describe('request validation on every route', () => {
  let args: Awaited<ReturnType<typeof routeArguments>>;

  beforeAll(async () => {
    args = await routeArguments();
  });

  it('finds the body, query and path parameters of the controllers', () => {
    // users, accounts, api keys and events all take each kind.
    for (const type of VALIDATED.values()) expect(args.filter((arg) => arg.type === type).length).toBeGreaterThanOrEqual(4);
  });

  it('takes each of them through validated-params.ts (RequestValidationPipe, then its own pipes)', () => {
    const unvalidated = args.filter(({ validated }) => !validated).map(({ route, type }) => `${route} (${type})`);
    expect(unvalidated).toEqual([]);
  });
});
