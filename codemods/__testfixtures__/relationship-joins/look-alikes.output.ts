// Look-alikes: join() of arrays, strings and other query builders stays as it is.
import { select } from 'retort';
import { Address, User } from '../orm-models';

interface Knexish {
  join(table: string, left: string, right: string): Knexish;
}

export function calls(k: Knexish) {
  const words = ['a', 'b'].join('.');
  const path = 'x/y'.split('/').join('-');
  const built = k.join('addresses', 'users.id', 'addresses.user_id');
  const modern = select(User).join(User.c.addresses).where(Address.c.id.eq(1));
  return [words, path, built, modern];
}
