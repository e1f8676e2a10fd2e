import 'reflect-metadata';
import { Controller } from '@nestjs/common';
import { Tagged, TaggedReply } from '../common/conditional.decorator';
import { GET_USER_ERRORS } from '../users/users.error-examples';
import { Idempotency, type IdempotentRun } from '../idempotency/idempotent-run';
import { CreateOperation, GetOneOperation, UpdateOperation } from './operation.decorators';

class Thing {
  id: string;
}
const spec = { path: ':id', param: { name: 'id', type: String }, docs: { summary: 'A thing' }, response: Thing, errors: GET_USER_ERRORS, scope: 'users:read' as const };

// An operation that promises an ETag sends it through @Tagged(): checked when the class is defined,
// so a handler cannot forget it (nor carry one without the documented header).
describe('operation decorators and @Tagged()', () => {
  it('accept a handler with etag: true and a @Tagged() parameter, and one with neither', () => {
    expect(() => {
      @Controller('things')
      class Things {
        @GetOneOperation({ ...spec, etag: true })
        get(@Tagged() tagged: TaggedReply) {
          return tagged.reply({ id: 'x' });
        }

        @UpdateOperation(spec)
        update() {
          return { id: 'x' };
        }
      }
      return Things;
    }).not.toThrow();
  });

  it('refuse a handler that promises an ETag without @Tagged()', () => {
    expect(() => {
      class Things {
        @GetOneOperation({ ...spec, etag: true })
        get() {
          return { id: 'x' };
        }
      }
      return Things;
    }).toThrow('Things.get promises an ETag: answer through a @Tagged() parameter');
  });

  it('refuse a @Tagged() parameter on an operation without etag: true', () => {
    expect(() => {
      class Things {
        @UpdateOperation(spec)
        update(@Tagged() tagged: TaggedReply) {
          return tagged.reply({ id: 'x' });
        }
      }
      return Things;
    }).toThrow('Things.update has a @Tagged() parameter but no etag: true');
  });
});

// A create honours Idempotency-Key through its @Idempotency() parameter: checked when the class is
// defined, so a create cannot leave a claimed key held (nothing would keep or free it).
describe('CreateOperation and @Idempotency()', () => {
  const create = { docs: { summary: 'Create a thing' }, response: Thing, errors: GET_USER_ERRORS, scope: 'users:write' as const };

  it('accepts a create that runs its work through an @Idempotency() parameter', () => {
    expect(() => {
      class Things {
        @CreateOperation(create)
        create(@Idempotency() idempotency: IdempotentRun) {
          return idempotency.run(async () => ({ id: 'x' }));
        }
      }
      return Things;
    }).not.toThrow();
  });

  it('refuses a create without one', () => {
    expect(() => {
      class Things {
        @CreateOperation(create)
        create() {
          return { id: 'x' };
        }
      }
      return Things;
    }).toThrow('Things.create honours Idempotency-Key: run its work through an @Idempotency() parameter');
  });
});
