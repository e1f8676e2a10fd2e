import { EntityTagCondition, etagOf } from './etag';
import { DomainError } from './errors';

export const PRECONDITION_FAILED = 'The resource has changed: If-Match does not match its current ETag';

// An update's If-Match, checked by the service on the row it has locked, so that the check and
// the write are one atomic step: of two updates sent with the same ETag, the second one finds the
// row changed and fails.
export class Precondition<T> {
  private constructor(
    private readonly ifMatch: EntityTagCondition | null,
    private readonly represent: (resource: T) => unknown,
  ) {}

  // `represent` gives the resource's representation, whose ETag the header is compared with.
  static ifMatch<T>(header: string | undefined, represent: (resource: T) => unknown): Precondition<T> {
    return new Precondition(EntityTagCondition.parse(header), represent);
  }

  static none<T>(): Precondition<T> {
    return new Precondition<T>(null, () => null);
  }

  assertMetBy(resource: T): void {
    if (this.ifMatch && !this.ifMatch.matchesStrongly(etagOf(this.represent(resource)))) {
      throw new DomainError('precondition_failed', PRECONDITION_FAILED);
    }
  }
}
