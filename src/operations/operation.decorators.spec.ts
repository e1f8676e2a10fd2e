import 'reflect-metadata';
import { Controller } from '@nestjs/common';
import { Tagged, TaggedReply } from '../common/conditional.decorator';
import { GET_USER_ERRORS } from '../users/users.error-examples';
import { GetOneOperation, UpdateOperation } from './operation.decorators';

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
