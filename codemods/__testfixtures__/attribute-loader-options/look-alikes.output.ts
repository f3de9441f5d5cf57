// Look-alikes: loader functions of the same name from elsewhere, and 2.0 options, stay as they are.
import { select, selectinLoad } from 'retort';
import { User } from '../orm-models';

const joinedload = (path: string) => ({ path });
const withParent = (obj: object, name: string) => [obj, name];

export function calls() {
  return [joinedload('addresses'), withParent({}, 'addresses'), select(User).options(selectinLoad(User.c.addresses))];
}
